import { Queue } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';
import { jobIds } from '../../src/queues.js';
import { RedisAccountRegistry } from '../../src/registry/redis-account-registry.js';
import { SubmissionStore } from '../../src/submissions/submission-store.js';
import { registryInput } from '../../workers/setup/handler.js';
import { testEnvironment } from '../helpers/environment.js';
import { failForGood, get, post, seedSubmission, signIn, STAFF_PASSWORD, withStaffWeb } from './staff-helpers.js';

/** Only the web role runs, so a retried or queued job stays where the action put it for the test to see. */
describe('staff: clearing failed jobs and expired activations from the needs-attention list', () => {
  const environment = testEnvironment();
  const web = withStaffWeb(environment);
  const queues: Queue[] = [];
  afterAll(async () => Promise.all(queues.map((q) => q.close())));
  const queue = (name: string) => {
    const opened = new Queue(name, { connection: web.redis, prefix: web.keys.bullPrefix });
    queues.push(opened);
    return opened;
  };
  const admin = () => signIn(web.web(), 'alice', STAFF_PASSWORD);

  it('retries a form’s failed job from the list: the form goes back to checking and the item goes', async () => {
    const submission = await seedSubmission(web.redis, web.keys, { state: 'review', reason: 'could not be handled automatically: SMTP_TEMPORARY' });
    const validate = queue('validate');
    await validate.add('validate', { submissionId: submission.submissionId }, { jobId: jobIds.validate(submission), attempts: 1 });
    const job = await failForGood(validate, jobIds.validate(submission), environment.config.redis, web.keys.bullPrefix);

    const browser = await admin();
    const before = (await get(web.web(), browser, '/staff/attention')).body;
    expect(before).toContain(`data-key="job:validate:${job.id}"`);
    // Shown once, as the job whose retry resolves it, not again as a form held for review.
    expect(before).not.toContain(`data-key="form:${submission.submissionId}"`);
    expect(before).toContain('Checking forms failed after 1 attempt(s)');
    const response = await post(web.web(), browser, `/staff/attention/jobs/validate/${job.id}`, { action: 'retry' });
    expect(decodeURIComponent(String(response.headers.location))).toBe('/staff/attention?done=Retried: checking forms');
    expect(await (await validate.getJob(jobIds.validate(submission)))!.getState()).toBe('waiting');
    expect((await new SubmissionStore(web.redis, web.keys).get(submission.submissionId))?.state).toBe('received');
    expect((await get(web.web(), browser, '/staff/attention')).body).not.toContain(`data-key="job:validate:${job.id}"`);
  });

  it('lists a user whose activation link expired, and a new link clears it', async () => {
    const submission = await seedSubmission(web.redis, web.keys, { state: 'accepted' });
    const registry = new RedisAccountRegistry(web.redis, web.keys);
    const setup = await registry.upsertOrganisation(registryInput(submission.registration!), submission.submissionId);
    if (setup.outcome === 'identifier-conflict') throw new Error('unexpected conflict');
    await new SubmissionStore(web.redis, web.keys).update(submission.submissionId, { organisationId: setup.organisationId });
    const first = setup.users[0]!;
    if (first.outcome === 'conflict') throw new Error('unexpected conflict');
    await web.redis.set(web.keys.userSubmission(first.userId), submission.submissionId);
    await registry.setActivationState(first.userId, 'expired');
    const user = (await registry.getUser(first.userId))!;

    const browser = await admin();
    const page = (await get(web.web(), browser, '/staff/attention')).body;
    expect(page).toContain(`${user.firstName} ${user.lastName}&#39;s activation link expired before they used it`);
    const response = await post(web.web(), browser, `/staff/attention/users/${user.id}/resend`, {});
    expect(decodeURIComponent(String(response.headers.location))).toContain('done=A new activation email is on its way');
    expect((await queue('notify').getJobs(['waiting'])).some((job) => job.data.userId === user.id)).toBe(true);
    expect((await get(web.web(), browser, '/staff/attention')).body).not.toContain(`data-key="activation:${user.id}"`);
  });
});
