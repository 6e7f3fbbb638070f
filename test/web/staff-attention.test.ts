import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EmailStore } from '../../src/emails/email-store.js';
import { AuditLog } from '../../src/staff/audit-log.js';
import { StaffAccounts } from '../../src/staff/staff-accounts.js';
import { SubmissionStore } from '../../src/submissions/submission-store.js';
import { Queue } from 'bullmq';
import { jobIds } from '../../src/queues.js';
import { decideEmail } from '../../src/emails/email-outcome.js';
import type { PipelineDeps } from '../../workers/pipeline.js';
import { keysFor } from '../../src/redis.js';
import { composeEmail } from '../helpers/compose-email.js';
import { outboxEmails, repliesTo, testEnvironment, waitFor } from '../helpers/environment.js';
import { withRunningService } from '../helpers/running-service.js';
import { get, post, seedSubmission, signIn, type Browser } from './staff-helpers.js';

/** The whole service runs: each source of work for a person is made the way it happens, then cleared from the list. */
describe('staff: needs attention', () => {
  const environment = testEnvironment();
  const running = withRunningService(environment);
  const keys = keysFor(environment.config.keyPrefix);
  const emails = () => new EmailStore(running.redis, keys);
  const submissions = () => new SubmissionStore(running.redis, keys);
  let browser: Browser | undefined;

  const caseworker = async () => {
    if (!browser) {
      await new StaffAccounts(running.redis, keys).set('carol', 'a long staff password', 'caseworker');
      browser = await signIn(running.service.web!, 'carol', 'a long staff password');
    }
    return browser;
  };
  const list = async () => (await get(running.service.web!, await caseworker(), '/staff/attention')).body;
  const act = async (url: string, fields: Record<string, string>) => {
    const response = await post(running.service.web!, await caseworker(), url, fields);
    expect(response.statusCode).toBe(303);
    return decodeURIComponent(String(response.headers.location));
  };
  const newestAudit = async () => (await new AuditLog(running.redis, keys, submissions()).newest(1))[0];
  const emailWith = (messageId: string, outcome: string) =>
    waitFor(
      async () => {
        const found = (await emails().listSince(0)).find((record) => record.messageId === messageId && record.outcome === outcome);
        return found ?? null;
      },
      `the email to be decided as ${outcome}`,
      30_000,
    );

  it('lists a form held for review, and a caseworker rejects it from the list', async () => {
    const held = await seedSubmission(running.redis, keys, { state: 'review', reason: 'the identifiers match two organisations' });
    expect(await list()).toContain(held.reference);
    expect(await list()).toContain('Held for review: The identifiers match two organisations');
    const location = await act(`/staff/submissions/${held.submissionId}/actions`, { action: 'reject', note: 'Send one form per firm', back: 'attention' });
    expect(location).toBe('/staff/attention?done=Rejected');
    expect(await list()).not.toContain(held.reference);
    expect((await submissions().timeline(held.submissionId)).some((e) => e.event === 'staff-rejected' && e.actor === 'carol')).toBe(true);
  });

  it('lists a question emailed without a form, and it is closed with a note', async () => {
    const sender = `asks-${Date.now()}@questions.example`;
    const messageId = `<question-${Date.now()}@questions.example>`;
    await running.mailbox.append(
      'INBOX',
      await composeEmail({ messageId, from: sender, subject: 'Courts', text: 'Which courts should we list for our Leeds office?' }),
    );
    const email = await emailWith(messageId, 'review');
    expect(await list()).toContain(sender);
    expect(await list()).toContain('A question for staff');
    expect(await act(`/staff/attention/emails/${email.emailId}`, { action: 'handled', note: '' })).toContain('problem=Enter a note');
    expect(await list()).toContain(sender);
    expect(await act(`/staff/attention/emails/${email.emailId}`, { action: 'handled', note: 'Answered by phone' })).toContain('done=');
    expect(await list()).not.toContain(sender);
    expect(await newestAudit()).toMatchObject({ actor: 'carol', action: 'staff-handled', detail: `email from ${sender}: Answered by phone` });
  });

  it('lists a bounce of our reply, with the reference it bounced, and records a reply sent by hand', async () => {
    const messageId = `<bounced-${Date.now()}@smith-law.example>`;
    await running.mailbox.append('INBOX', await composeEmail({ messageId, subject: 'Hello', from: 'gone@smith-law.example' }));
    const reply = await waitFor(async () => (await outboxEmails(repliesTo(messageId)))[0], 'our reply');
    const dsnId = `<dsn-${Date.now()}@mx.firm.example>`;
    const bounce = readFileSync(new URL('../fixtures/mail/bounce-postfix.eml', import.meta.url), 'utf8')
      .replace(/<0123456789abcdef0123456789abcdef\.form-received\.fedcba9876543210@justice\.gov\.uk>/, reply.parsed.messageId ?? '')
      .replace('<20250303101502.3F2A1C0123@mx.firm.example>', dsnId);
    await running.mailbox.append('INBOX', Buffer.from(bounce));
    const report = await emailWith(dsnId, 'review');
    const page = await list();
    expect(page).toMatch(/A mail server returned our reply to CP-[A-F0-9]{8} as undeliverable/);
    expect(await act(`/staff/attention/emails/${report.emailId}`, { action: 'replied-by-hand', note: 'Sent to their new address' })).toContain('done=');
    expect(await list()).not.toContain(`data-key="email:${report.emailId}"`);
    expect(await newestAudit()).toMatchObject({ actor: 'carol', action: 'staff-replied-by-hand' });
  });

  it('lists a reply the sender’s server refused as not confirmed', async () => {
    const messageId = `<refused-${Date.now()}@refusing.example>`;
    await running.mailbox.append('INBOX', await composeEmail({ messageId, subject: 'Hello', from: `refuse550-${Date.now()}@refusing.example` }));
    const email = await emailWith(messageId, 'review');
    expect(await list()).toContain('Our reply may not have reached the sender: The mail server did not accept the reply (550)');
    await act(`/staff/attention/emails/${email.emailId}`, { action: 'handled', note: 'Rang the firm' });
    expect(await list()).not.toContain(`data-key="email:${email.emailId}"`);
  });

  it('puts a staff rejection the firm’s server refused in front of staff, not as sent', async () => {
    const held = await seedSubmission(running.redis, keys, { state: 'review', reason: 'odd form' }, `refuse550-${Date.now()}@refusing.example`);
    await act(`/staff/submissions/${held.submissionId}/actions`, { action: 'reject', note: 'Please use the current form', back: 'attention' });
    await waitFor(async () => ((await submissions().get(held.submissionId))?.attention.length ?? 0) > 0, 'the refused rejection to be flagged', 30_000);
    const record = await waitFor(async () => {
      const found = await emails().get(held.emailId);
      return found?.outcome === 'review' ? found : null;
    }, 'the email to go to Review');
    expect(record.outcomeReason).toContain('refused our rejection');
    const page = (await get(running.service.web!, await caseworker(), `/staff/submissions/${held.submissionId}`)).body;
    expect(page).not.toMatch(/Needs attention\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*No/);
    expect(page).toContain('The firm&#39;s mail server refused our rejection');
    expect(await list()).toContain(held.reference);
    await act(`/staff/submissions/${held.submissionId}/actions`, { action: 'looked-at', note: 'Posted the letter', back: 'attention' });
    expect(await list()).not.toContain(held.reference);
    expect((await submissions().get(held.submissionId))?.attention).toEqual([]);
  });

  it('reads again an email the service gave up on, and files it anew from Review', async () => {
    const messageId = `<gave-up-${Date.now()}@smith-law.example>`;
    await running.mailbox.append('INBOX', await composeEmail({ messageId, subject: 'Hello', from: 'clerk@smith-law.example' }));
    const answered = await emailWith(messageId, 'processed');
    const filed = await waitFor(async () => {
      const record = await emails().get(answered.emailId);
      return record?.state === 'filed' ? record : null;
    }, 'the email to be filed');
    // As the intake stage leaves an email whose job failed for good.
    const filing = new Queue('filing', { connection: running.redis, prefix: keys.bullPrefix });
    try {
      await decideEmail(
        filed,
        { outcome: 'review', reason: 'could not be handled automatically: MAILBOX_UNAVAILABLE' },
        {
          config: environment.config,
          emails: emails(),
          enqueue: { filing: async (job) => void (await filing.add('file', job, { jobId: jobIds.filing(job) })) } as PipelineDeps['enqueue'],
        },
      );
    } finally {
      await filing.close();
    }
    await waitFor(async () => (await emails().get(answered.emailId))?.filedLocation?.mailbox === 'Review', 'the email to be in Review');
    expect(await list()).toContain('The service could not handle it: The mailbox could not be reached');
    expect(await act(`/staff/attention/emails/${answered.emailId}`, { action: 'reprocess' })).toContain('done=The email will be read again');
    const again = await waitFor(
      async () => {
        const record = await emails().get(answered.emailId);
        return record?.outcome === 'processed' && record.state === 'filed' ? record : null;
      },
      'the email to be read again and filed',
      30_000,
    );
    expect(again.filedLocation?.mailbox).toBe('Processed');
    // Read again, not answered again: the reply it had went out once.
    expect(await outboxEmails(repliesTo(messageId))).toHaveLength(1);
    expect(await list()).not.toContain(`data-key="email:${answered.emailId}"`);
    expect(await newestAudit()).toMatchObject({ actor: 'carol', action: 'staff-reprocess' });
  });

  it('lists a job that failed for good, and a dismissed job leaves the list but stays failed', async () => {
    const notify = new Queue('notify', { connection: running.redis, prefix: keys.bullPrefix });
    try {
      const job = await notify.add(
        'activation',
        { kind: 'activation', userId: 'usr_gone', submissionId: 'not-a-submission', round: 'first' },
        { jobId: `broken-${Date.now()}`, attempts: 1 },
      );
      await waitFor(async () => (await job.getState()) === 'failed', 'the job to fail for good');
      expect(await list()).toContain(`data-key="job:notify:${job.id}"`);
      expect(await list()).toContain('Sending activation emails failed after 1 attempt(s)');
      expect(await list()).not.toContain('UnrecoverableError');
      expect(await list()).not.toContain('MALFORMED_PAYLOAD');
      // Its submission id is malformed: the shell fails it at once and staff read why in words.
      expect(await list()).toContain('failed after 1 attempt(s): The job was not understood (its details were malformed)');
      expect(await act(`/staff/attention/jobs/notify/${job.id}`, { action: 'dismiss', note: 'Test data' })).toContain('done=');
      expect(await list()).not.toContain(`data-key="job:notify:${job.id}"`);
      expect(await job.getState()).toBe('failed');
      expect(await newestAudit()).toMatchObject({ actor: 'carol', action: 'staff-dismissed-job' });
    } finally {
      await notify.close();
    }
  });
});
