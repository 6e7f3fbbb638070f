import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { PriorityOverrides } from '../../src/priority/priority-overrides.js';
import { jobIds, QUEUES, type QueueName } from '../../src/queues.js';
import { createRedis, keysFor } from '../../src/redis.js';
import { RedisAccountRegistry } from '../../src/registry/redis-account-registry.js';
import { StaffAccounts } from '../../src/staff/staff-accounts.js';
import { resendActivation } from '../../src/staff/submission-actions.js';
import { SubmissionStore, type Submission } from '../../src/submissions/submission-store.js';
import { buildStores } from '../../src/stores.js';
import { registryInput } from '../../workers/setup/handler.js';
import { startService, type RunningService } from '../../services/service.js';
import { outboxEmails, testEnvironment, waitFor } from '../helpers/environment.js';
import { failForGood, get, post, seedSubmission, signIn, type Browser } from './staff-helpers.js';

/** Only the web role runs: jobs the actions queue stay in Redis for the test to inspect. */
describe('staff: finding a submission and acting on it', () => {
  const environment = testEnvironment();
  const keys = keysFor(environment.config.keyPrefix);
  const redis = createRedis(environment.config.redis, 'test');
  const submissions = new SubmissionStore(redis, keys);
  let service: RunningService;
  let browser: Browser;
  const queues: Queue[] = [];

  beforeAll(async () => {
    await new StaffAccounts(redis, keys).set('bob', 'a long staff password', 'caseworker');
    service = await startService(environment.config, ['web'], createLogger(environment.config.log));
    browser = await signIn(service.web!, 'bob', 'a long staff password');
  });
  afterAll(async () => {
    await Promise.all(queues.map((q) => q.close()));
    await service?.stop();
    await redis.quit();
  });

  const act = (id: string, fields: Record<string, string>) => post(service.web!, browser, `/staff/submissions/${id}/actions`, fields);

  it('finds submissions by firm, sender, user email or reference, and by state', async () => {
    const accepted = await seedSubmission(redis, keys, { state: 'accepted' }, 'clerk@kestrelhart.example');
    const review = await seedSubmission(redis, keys, { state: 'review', reason: 'reply not confirmed' }, 'office@other-firm.example');
    const search = async (query: string) => (await get(service.web!, browser, `/staff/submissions?${query}`)).body;

    expect(await search(`q=${accepted.reference}`)).toContain(accepted.reference);
    expect(await search(`q=${accepted.reference}`)).not.toContain(review.reference);
    expect(await search('q=office%40other-firm')).toContain(review.reference);
    expect(await search('q=office%40other-firm')).not.toContain(accepted.reference);
    expect(await search('q=priya.natarajan%40kestrelhart')).toContain(accepted.reference);
    const byFirm = await search('q=kestrel+%26+hart');
    expect(byFirm).toContain(accepted.reference);
    expect(byFirm).toContain(review.reference);
    expect(await search('state=review')).toContain(review.reference);
    expect(await search('state=review')).not.toContain(accepted.reference);
    expect(await search('q=nothing-like-this')).toContain('0 submissions');

    const overview = await get(service.web!, browser, '/staff');
    expect(overview.body).toMatch(/state=review">Held for review<\/a><\/th>\s*<td class="govuk-table__cell govuk-table__cell--numeric">\s*1/);
  });

  it('shows a submission with its findings, files and timeline', async () => {
    const submission = await seedSubmission(redis, keys, { state: 'review', reason: 'reply not confirmed' });
    const response = await get(service.web!, browser, `/staff/submissions/${submission.submissionId}`);
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Kestrel &amp; Hart Solicitors LLP');
    expect(response.body).toContain('clerk@kestrelhart.example');
    expect(response.body).toContain('<strong>Form received</strong>');
    expect(response.body).toContain('Held for review: Reply not confirmed');
    const file = await get(service.web!, browser, `/staff/submissions/${submission.submissionId}/file`);
    expect(file.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect((await get(service.web!, browser, '/staff/submissions/not-an-id')).statusCode).toBe(404);
  });

  it('rejects with a note: the state changes, the timeline says who did it, and the firm is sent the note', async () => {
    const sender = `clerk-${Date.now()}@staff-reject.example`;
    const submission = await seedSubmission(redis, keys, { state: 'review', reason: 'odd form' }, sender);
    const response = await act(submission.submissionId, { action: 'reject', note: 'Duplicate of an earlier form' });
    expect(response.statusCode).toBe(303);
    expect((await submissions.get(submission.submissionId))?.state).toBe('rejected');
    const timeline = await submissions.timeline(submission.submissionId);
    expect(timeline.at(-1)).toMatchObject({ event: 'staff-rejected', detail: 'Duplicate of an earlier form', actor: 'bob' });
    const page = await get(service.web!, browser, response.headers.location as string);
    expect(page.body).toContain('<strong>Rejected by staff</strong> by bob');
    // Refused once final: nothing changes and the page says why.
    const again = await act(submission.submissionId, { action: 'reject', note: 'again' });
    expect(again.headers.location).toContain('problem=');

    // A worker sends the firm the note, once, in reply to their email.
    const worker = await startService(environment.config, ['worker'], createLogger(environment.config.log));
    try {
      const [reply] = await waitFor(async () => {
        const found = await outboxEmails((email) => email.raw.includes(`To: ${sender}`));
        return found.length > 0 ? found : null;
      }, 'the rejection email to the firm');
      expect(reply?.parsed.text).toContain('Duplicate of an earlier form');
      expect(reply?.parsed.text).toContain(submission.reference);
      // The page shows what the firm was sent, word for word.
      const shown = await waitFor(async () => {
        const body = (await get(service.web!, browser, `/staff/submissions/${submission.submissionId}`)).body;
        return body.includes(`Rejection by staff to ${sender}`) ? body : null;
      }, 'the sent rejection on the submission page');
      expect(shown).toContain('Duplicate of an earlier form');
    } finally {
      await worker.stop();
    }
    expect(await outboxEmails((email) => email.raw.includes(`To: ${sender}`))).toHaveLength(1);
  });

  it('sends the note in Welsh to a firm that wrote in Welsh, and shows findings stored with their text by an earlier version', async () => {
    const sender = `clerk-${Date.now()}@cwmni-staff.example.cymru`;
    const old = {
      severity: 'error',
      tab: 'Organisation details input',
      cell: 'B11',
      field: 'Postcode',
      code: 'INVALID_POSTCODE',
      message: 'On the Organisation details input tab, cell B11 (Postcode): "SW1A 9ZZZ" is not a valid UK postcode.',
      suggestion: 'Enter the full postcode.',
    };
    const submission = await seedSubmission(
      redis,
      keys,
      { state: 'review', reason: 'odd form', language: 'cy', findings: [old] as Submission['findings'] },
      sender,
    );
    expect((await get(service.web!, browser, `/staff/submissions/${submission.submissionId}`)).body).toContain(
      'cell B11 (Postcode): &quot;SW1A 9ZZZ&quot; is not a valid UK postcode.',
    );
    expect((await act(submission.submissionId, { action: 'reject', note: 'Mae hon yn ffurflen ddyblyg' })).statusCode).toBe(303);
    const worker = await startService(environment.config, ['worker'], createLogger(environment.config.log));
    try {
      const reply = await waitFor(async () => (await outboxEmails((email) => email.raw.includes(`To: ${sender}`)))[0], 'the Welsh rejection email to the firm');
      expect(reply.parsed.text).toContain(`Diolch am anfon eich ffurflen gofrestru ar gyfer Platfform Cyffredin, cyfeirnod ${submission.reference}.`);
      expect(reply.parsed.text).toContain("Mae aelod o'r tîm cofrestru wedi edrych arni");
      expect(reply.parsed.text).toContain('Mae hon yn ffurflen ddyblyg');
      expect(reply.parsed.text).toMatch(/\/forms\/cofrestru\.xlsx/);
    } finally {
      await worker.stop();
    }
  });

  it('names an unreadable form by its sender in the list, never by its file name', async () => {
    const sender = `office-${Date.now()}@unreadable.example`;
    const unread = await seedSubmission(redis, keys, { state: 'rejected', registration: null }, sender);
    const list = (await get(service.web!, browser, `/staff/submissions?state=rejected`)).body;
    const row = list.slice(list.indexOf(unread.reference), list.indexOf('</tr>', list.indexOf(unread.reference)));
    expect(row).toContain(sender);
    expect(row).not.toContain('form.xlsx');
    expect(row).toContain('Rejected');
  });

  it('offers only the actions that apply to the form as it stands', async () => {
    const page = async (changes: Partial<Submission>) => {
      const submission = await seedSubmission(redis, keys, changes);
      return (await get(service.web!, browser, `/staff/submissions/${submission.submissionId}`)).body;
    };
    const accepted = await page({ state: 'accepted' });
    for (const label of ['Change priority', 'Accept despite warnings', 'Reject with this note', 'Mark as looked at', 'Retry the failed job'])
      expect(accepted, label).not.toContain(label);
    const flagged = await page({
      state: 'accepted',
      attention: ["a user's email is already registered with organisation org_00000000000000000000000000000000"],
    });
    expect(flagged).toContain('Mark as looked at');
    expect(flagged).toContain('already registered with organisation (no longer on record)');
    const held = await page({ state: 'review', reason: 'odd form' });
    for (const label of ['Change priority', 'Accept despite warnings', 'Reject with this note']) expect(held, label).toContain(label);
    expect(held).not.toContain('Mark as looked at');
  });

  it('says how long the form file is kept, and when it is no longer kept', async () => {
    const rejected = await seedSubmission(redis, keys, { state: 'rejected', reason: 'answers to correct' });
    const kept = await get(service.web!, browser, `/staff/submissions/${rejected.submissionId}`);
    expect(kept.body).toContain('Download the form as sent');
    expect(kept.body).toMatch(/Kept until \d{1,2} \w{3} \d{4}/);

    const accepted = await seedSubmission(redis, keys, { state: 'accepted' });
    await redis.del(keys.submissionFile(accepted.submissionId));
    const gone = await get(service.web!, browser, `/staff/submissions/${accepted.submissionId}`);
    expect(gone.body).not.toContain('Download the form as sent');
    expect(gone.body).toContain('No longer kept: a form file is deleted 90 days after its form is accepted or rejected');
  });

  it('accepts a form held for review: it is queued for set-up at its priority', async () => {
    const submission = await seedSubmission(redis, keys, { state: 'review', reason: 'identifier conflict' });
    await act(submission.submissionId, { action: 'accept', note: 'checked with the firm' });
    const after = await submissions.get(submission.submissionId);
    expect(after?.state).toBe('queued-for-setup');
    const setup = await queue('setup').getJob(jobIds.setup(submission));
    expect(await setup?.getState()).toMatch(/waiting|prioritized/);
    expect((await submissions.timeline(submission.submissionId)).at(-1)).toMatchObject({ event: 'staff-accepted', actor: 'bob' });
  });

  it('moves a waiting set-up job to the front and keeps the override for the worker', async () => {
    const submission = await seedSubmission(redis, keys, { state: 'queued-for-setup' });
    const setup = queue('setup');
    await setup.add('setup', { submissionId: submission.submissionId }, { jobId: jobIds.setup(submission), priority: 400 });
    await act(submission.submissionId, { action: 'priority', level: 'first', reason: 'court goes live Monday' });
    expect((await setup.getJob(jobIds.setup(submission)))?.priority).toBe(1);
    expect(await new PriorityOverrides(redis, keys).get(submission.submissionId)).toMatchObject({
      level: 'first',
      setBy: 'bob',
      reason: 'court goes live Monday',
    });
    expect((await submissions.timeline(submission.submissionId)).at(-1)).toMatchObject({ event: 'staff-priority', actor: 'bob' });
  });

  it('retries a failed job, putting the form back where that stage expects it', async () => {
    const submission = await seedSubmission(redis, keys, { state: 'review', reason: 'could not be handled automatically: X' });
    const validate = queue('validate');
    await validate.add('validate', { submissionId: submission.submissionId }, { jobId: jobIds.validate(submission), attempts: 1 });
    await failForGood(validate, jobIds.validate(submission), environment.config.redis, keys.bullPrefix);

    await act(submission.submissionId, { action: 'retry' });
    expect(await (await validate.getJob(jobIds.validate(submission)))!.getState()).toBe('waiting');
    expect((await submissions.get(submission.submissionId))?.state).toBe('received');
    expect((await submissions.timeline(submission.submissionId)).at(-1)).toMatchObject({ event: 'staff-retry', actor: 'bob' });
  });

  /** An accepted submission whose organisation and users are set up, and the first user's id. */
  async function acceptedWithUser(): Promise<{ submission: Submission; userId: string }> {
    const submission = await seedSubmission(redis, keys, { state: 'accepted' });
    const registry = new RedisAccountRegistry(redis, keys);
    const setup = await registry.upsertOrganisation(registryInput(submission.registration!), submission.submissionId);
    if (setup.outcome === 'identifier-conflict') throw new Error('unexpected conflict');
    await submissions.update(submission.submissionId, { organisationId: setup.organisationId });
    const user = setup.users[0]!;
    if (user.outcome === 'conflict') throw new Error('unexpected conflict');
    return { submission: (await submissions.get(submission.submissionId))!, userId: user.userId };
  }

  it('re-sends an activation email as a new round for a user of the organisation', async () => {
    const { submission, userId } = await acceptedWithUser();
    await act(submission.submissionId, { action: 'resend', userId });
    const notify = await queue('notify').getJobs(['waiting']);
    const job = notify.find((j) => j.data.userId === userId);
    expect(job?.data).toMatchObject({ kind: 'activation', submissionId: submission.submissionId });
    expect(job?.data.round).toMatch(/^resend-\d+$/);
    expect((await submissions.timeline(submission.submissionId)).at(-1)).toMatchObject({ event: 'staff-resend-activation', actor: 'bob' });
    // The timeline names the person, not their id.
    const user = await new RedisAccountRegistry(redis, keys).getUser(userId);
    const shown = (await get(service.web!, browser, `/staff/submissions/${submission.submissionId}`)).body;
    expect(shown).toContain(`ew activation link for user ${user!.firstName} ${user!.lastName}`);
    expect(shown.slice(shown.indexOf('id="timeline"'))).not.toMatch(/usr_[a-f0-9]{32}/);
    // A user of another organisation cannot be sent a link from here.
    const other = await seedSubmission(redis, keys, { state: 'accepted' });
    expect((await act(other.submissionId, { action: 'resend', userId })).headers.location).toContain('problem=');
  });

  it('puts a re-send on the timeline before queuing its job, so the email the job sends comes after it', async () => {
    const { submission, userId } = await acceptedWithUser();
    const notify = queue('notify');
    const add = notify.add.bind(notify);
    const timelineWhenQueued: string[][] = [];
    notify.add = (async (...args: Parameters<Queue['add']>) => {
      timelineWhenQueued.push((await submissions.timeline(submission.submissionId)).map((event) => event.event));
      return add(...args);
    }) as Queue['add'];
    const queues = Object.fromEntries(Object.values(QUEUES).map((name) => [name, name === 'notify' ? notify : queue(name)])) as Record<QueueName, Queue>;
    const deps = { ...buildStores(redis, keys, environment.config), config: environment.config, queues };
    expect(await resendActivation(submission, userId, { actor: 'bob' }, deps)).toMatchObject({ ok: true });
    // A worker may take the job at once: by then the timeline must already say who asked for it.
    expect(timelineWhenQueued).toHaveLength(1);
    expect(timelineWhenQueued[0]).toContain('staff-resend-activation');
  });

  function queue(name: QueueName): Queue {
    const opened = new Queue(name, { connection: redis, prefix: keys.bullPrefix });
    queues.push(opened);
    return opened;
  }
});
