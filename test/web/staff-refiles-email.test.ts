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
  beforeAll(() => new StaffAccounts(running.redis, keys).set('grace', 'grace has a long password', 'caseworker'));

  const filed = (messageId: string) =>
    waitFor(
      async () => {
        const record = (await emails().listSince(0, 100)).find((r) => r.messageId === messageId);
        return record?.state === 'filed' ? record : null;
      },
      `${messageId} to be filed`,
      30_000,
    );

  /** A firm's second form that leaves out one of its earlier users: accepted, but held in Review for staff. */
  async function heldForReview(firm: number) {
    await running.mailbox.append(
      'INBOX',
      await composeEmail({ messageId: `<first-${firm}@refile.example>`, attachments: [{ filename: 'form.xlsx', content: await firmForm(firm, COURT, 3) }] }),
    );
    await filed(`<first-${firm}@refile.example>`);
    await running.mailbox.append(
      'INBOX',
      await composeEmail({ messageId: `<second-${firm}@refile.example>`, attachments: [{ filename: 'form.xlsx', content: await firmForm(firm, COURT, 2) }] }),
    );
    return filed(`<second-${firm}@refile.example>`);
  }

  async function accept(emailId: string) {
    const [submission] = await new SubmissionStore(running.redis, keys).forEmail(emailId);
    const browser = await signIn(running.service.web!, 'grace', 'grace has a long password');
    return post(running.service.web!, browser, `/staff/submissions/${submission!.submissionId}/actions`, {
      action: 'accept',
      note: 'the third user has left the firm',
    });
  }

  it('finds an email filed without a known location by its Message-ID, and moves it on', async () => {
    const held = await heldForReview(73);
    await running.redis.hdel(keys.email(held.emailId), 'filedLocation'); // as a server without UIDPLUS leaves it
    const before = await folderContents(running.mailbox, FOLDERS);
    expect((await accept(held.emailId)).statusCode).toBeLessThan(400);
    await waitFor(async () => (await folderContents(running.mailbox, FOLDERS)).Review === before.Review! - 1, 'the email to leave Review', 15_000);
    expect(await folderContents(running.mailbox, FOLDERS)).toEqual({ ...before, Review: before.Review! - 1, Accepted: before.Accepted! + 1 });
    expect(await emails().get(held.emailId)).toMatchObject({ state: 'filed', outcomeFolder: 'Accepted', filedLocation: { mailbox: 'Accepted' } });
  });

  it('moves the email from Review to Accepted, and still picks up new mail at once', async () => {
    const held = await heldForReview(71);
    expect(held.outcomeFolder).toBe('Review');
    const before = await folderContents(running.mailbox, FOLDERS);
    expect(before.INBOX).toBe(0);
    expect((await accept(held.emailId)).statusCode).toBeLessThan(400);

    await waitFor(async () => (await folderContents(running.mailbox, FOLDERS)).Accepted === before.Accepted! + 1, 'the email to move to Accepted', 15_000);
    expect(await folderContents(running.mailbox, FOLDERS)).toEqual({ ...before, Review: before.Review! - 1, Accepted: before.Accepted! + 1 });
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
