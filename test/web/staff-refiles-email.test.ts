import { beforeAll, describe, expect, it } from 'vitest';
import { EmailStore } from '../../src/emails/email-store.js';
import { keysFor } from '../../src/redis.js';
import { composeEmail } from '../../src/samples/sample-emails.js';
import { StaffAccounts } from '../../src/staff/staff-accounts.js';
import { SubmissionStore } from '../../src/submissions/submission-store.js';
import { folderContents, testEnvironment, waitFor } from '../helpers/environment.js';
import { withRunningService } from '../helpers/running-service.js';
import { firmForm } from '../helpers/forms.js';
import { post, signIn } from './staff-helpers.js';

const FOLDERS = ['INBOX', 'Accepted', 'Review', 'Rejected'];
const COURT = 'Southwark Crown Court';

describe('an email follows its form when staff change the outcome after filing', () => {
  const environment = testEnvironment();
  const running = withRunningService(environment);
  const keys = keysFor(environment.config.keyPrefix);
  const emails = () => new EmailStore(running.redis, keys);
  beforeAll(() => new StaffAccounts(running.redis, keys).set('grace', 'grace has a long password'));

  const filed = (messageId: string) =>
    waitFor(async () => {
      const record = (await emails().listSince(0, 100)).find((r) => r.messageId === messageId);
      return record?.state === 'filed' ? record : null;
    }, `${messageId} to be filed`, 30_000);

  it('moves the email from Review to Accepted, and still picks up new mail at once', async () => {
    // The second form of a firm leaves out one of its earlier users: accepted, but held for staff to look at.
    await running.mailbox.append('INBOX', await composeEmail({ messageId: '<first@refile.example>', attachments: [{ filename: 'form.xlsx', content: await firmForm(71, COURT, 3) }] }));
    await filed('<first@refile.example>');
    await running.mailbox.append('INBOX', await composeEmail({ messageId: '<second@refile.example>', attachments: [{ filename: 'form.xlsx', content: await firmForm(71, COURT, 2) }] }));
    const held = await filed('<second@refile.example>');
    expect(held.outcomeFolder).toBe('Review');
    expect(await folderContents(running.mailbox, FOLDERS)).toEqual({ INBOX: 0, Accepted: 1, Review: 1, Rejected: 0 });

    const [submission] = await new SubmissionStore(running.redis, keys).forEmail(held.emailId);
    const browser = await signIn(running.service.web!, 'grace', 'grace has a long password');
    const response = await post(running.service.web!, browser, `/staff/submissions/${submission!.submissionId}/actions`, { action: 'accept', note: 'the third user has left the firm' });
    expect(response.statusCode).toBeLessThan(400);

    await waitFor(async () => (await folderContents(running.mailbox, FOLDERS)).Accepted === 2, 'the email to move to Accepted', 15_000);
    expect(await folderContents(running.mailbox, FOLDERS)).toEqual({ INBOX: 0, Accepted: 2, Review: 0, Rejected: 0 });
    const after = await emails().get(held.emailId);
    expect(after).toMatchObject({ state: 'filed', outcome: 'accepted', outcomeFolder: 'Accepted', filedLocation: { mailbox: 'Accepted' } });

    // Filing worked in another folder; the watcher is back on the inbox and answers the next email.
    // (The inbox poll is every 5 s here; IDLE tells of new mail in about 0.5 s.)
    const third = await composeEmail({ messageId: '<third@refile.example>', attachments: [{ filename: 'form.xlsx', content: await firmForm(72, COURT, 1) }] });
    const appendedAt = Date.now();
    await running.mailbox.append('INBOX', third);
    const next = await filed('<third@refile.example>');
    expect(next.pickedUpAt - appendedAt).toBeLessThan(2_000);
  });
});
