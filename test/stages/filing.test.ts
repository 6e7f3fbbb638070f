import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmailStore } from '../../src/emails/email-store.js';
import { failureReason, type IntakeError } from '../../src/errors.js';
import type { FilingJob } from '../../src/queues.js';
import { jobFailureWords } from '../../src/staff/plain-words.js';
import { fileEmail } from '../../workers/filing/handler.js';
import { handleIntake } from '../../workers/intake/handler.js';
import { composeEmail } from '../helpers/compose-email.js';
import { folderContents } from '../helpers/environment.js';
import { createStageRig } from './stage-deps.js';

describe('filing stage', () => {
  const rig = createStageRig();
  const { folders, mailbox } = rig.env.config.imap;
  const watched = [mailbox, folders.processed, folders.review];
  let client: ImapFlow;
  beforeAll(async () => {
    client = await rig.mailbox();
  });
  afterAll(() => rig.close());

  /** An email delivered to the inbox and picked up from it. */
  async function delivered(raw: Buffer) {
    const appended = await client.append(mailbox, raw);
    if (!appended || !appended.uid) throw new Error('the server did not report the appended UID');
    const location = { mailbox, uidValidity: String(appended.uidValidity), uid: appended.uid };
    return { emailId: await rig.pickUp(raw, location), location };
  }

  /** An email delivered, picked up and answered (no form): its filing job is queued. */
  async function decidedEmail(n: number) {
    const messageId = `<filing-${Date.now()}-${n}@smith-law.example>`;
    const { emailId } = await delivered(await composeEmail({ messageId, from: `clerk${n}@filing.example`, text: 'Please register us.' }));
    expect(await handleIntake({ emailId }, rig.deps)).toMatchObject({ outcome: 'processed' });
    const jobs = (await rig.jobs('filing')).filter((job) => job.data.emailId === emailId);
    expect(jobs).toHaveLength(1);
    return { emailId, messageId, job: jobs[0]!.data as FilingJob };
  }

  async function folderOf(messageId: string): Promise<string[]> {
    const found: string[] = [];
    for (const folder of watched) {
      const lock = await client.getMailboxLock(folder);
      try {
        const uids = await client.search({ header: { 'message-id': messageId } }, { uid: true });
        if (uids && uids.length > 0) found.push(...uids.map(() => folder));
      } finally {
        lock.release();
      }
    }
    return found;
  }

  /** Counts the MOVE commands the real client sends; each still goes to Dovecot. */
  function countMoves() {
    const moveCommands: string[] = [];
    const move = client.messageMove.bind(client);
    client.messageMove = ((range, destination, options) => {
      moveCommands.push(String(range));
      return move(range, destination, options);
    }) as ImapFlow['messageMove'];
    return { moveCommands, restore: () => void (client.messageMove = move) };
  }

  it('moves a decided email out of the inbox into its outcome folder, once however often it runs', async () => {
    const { emailId, messageId, job } = await decidedEmail(1);
    const { filing } = rig.mailboxDeps(client);

    expect(await fileEmail(job, filing)).toBe('moved');
    expect(await folderOf(messageId)).toEqual([folders.processed]);
    const record = await rig.stores.emails.get(emailId);
    expect(record?.state).toBe('filed');
    expect(record?.filedLocation?.mailbox).toBe(folders.processed);

    // A retry after the move (a crash before the job finished) finds the email already there and moves nothing.
    const before = await folderContents(client, watched);
    expect(await fileEmail(job, filing)).toBe('already-moved');
    expect(await folderContents(client, watched)).toEqual(before);
    expect(await folderOf(messageId)).toEqual([folders.processed]);
  });

  it('moves a filed email on when staff change its outcome', async () => {
    const { emailId, messageId, job } = await decidedEmail(2);
    const { filing } = rig.mailboxDeps(client);
    await fileEmail(job, filing);
    const decidedAt = await rig.stores.emails.recordOutcome(emailId, { outcome: 'review', folder: folders.review, reason: 'staff want a look' });

    expect(await fileEmail({ emailId, decidedAt }, filing)).toBe('moved');
    expect(await folderOf(messageId)).toEqual([folders.review]);
    expect((await rig.stores.emails.get(emailId))?.filedLocation?.mailbox).toBe(folders.review);
  });

  it('waits, moving nothing, while the mailbox is not connected or the email has no outcome yet', async () => {
    const { job, messageId } = await decidedEmail(3);
    await expect(fileEmail(job, rig.mailboxDeps(null).filing)).rejects.toMatchObject({ code: 'MAILBOX_UNAVAILABLE', retryable: true });

    const undecidedId = `<undecided-${Date.now()}@smith-law.example>`;
    const undecided = await delivered(await composeEmail({ messageId: undecidedId, text: 'Not read yet.' }));
    const early: FilingJob = { emailId: undecided.emailId, uidValidity: undecided.location.uidValidity, uid: undecided.location.uid };
    const pending = (await fileEmail(early, rig.mailboxDeps(client).filing).catch((error: unknown) => error)) as IntakeError;
    expect(pending).toMatchObject({ code: 'OUTCOME_PENDING', retryable: true });
    expect(jobFailureWords(failureReason(pending))).toBe(
      `The email could not be filed yet: no decision about it was recorded: Email ${undecided.emailId} has no outcome to file under yet`,
    );
    expect((await rig.stores.emails.get(undecided.emailId))?.state).toBe('queued');
    expect(await folderOf(undecidedId)).toEqual([mailbox]);
    expect(await folderOf(messageId)).toEqual([mailbox]);
  });

  it('retries an email whose outcome staff keep changing while it is filed, and staff read why', async () => {
    const { emailId, messageId, job } = await decidedEmail(4);
    const emails = rig.stores.emails;
    let changes = 0;
    // Staff change the outcome each time, just before filing records where the email went.
    const store: EmailStore = Object.assign(Object.create(emails) as EmailStore, {
      recordFiled: async (...args: Parameters<EmailStore['recordFiled']>) => {
        const [outcome, folder] = changes++ % 2 === 0 ? (['review', folders.review] as const) : (['processed', folders.processed] as const);
        await emails.recordOutcome(emailId, { outcome, folder, reason: 'staff changed their mind' });
        return emails.recordFiled(...args);
      },
    });

    const unsettled = (await fileEmail(job, { ...rig.mailboxDeps(client).filing, store }).catch((error: unknown) => error)) as IntakeError;
    expect(unsettled).toMatchObject({ code: 'OUTCOME_UNSETTLED', retryable: true });
    expect(changes).toBeGreaterThan(1);
    expect(jobFailureWords(failureReason(unsettled))).toBe(
      `The email could not be filed: the decision about it kept changing while it was being moved: Email ${emailId} changed outcome too often to file; retrying`,
    );
    // Once the outcome holds still, the retry files it where it now belongs.
    const now = (await emails.get(emailId))!.outcomeFolder!;
    expect(await fileEmail(job, rig.mailboxDeps(client).filing)).not.toBe('stale-location');
    expect(await folderOf(messageId)).toEqual([now]);
  });

  it('files emails decided at the same moment with fewer MOVE commands than emails, each once, in its folder', async () => {
    const decided = [];
    for (let n = 10; n < 16; n += 1) decided.push(await decidedEmail(n));
    const { filing } = rig.mailboxDeps(client);
    const { moveCommands, restore } = countMoves();
    try {
      const results = await Promise.all(decided.map(({ job }) => fileEmail(job, filing)));
      expect(results).toEqual(decided.map(() => 'moved'));
      expect(moveCommands.length).toBeGreaterThanOrEqual(1);
      expect(moveCommands.length).toBeLessThan(decided.length);
      for (const { emailId, messageId } of decided) {
        expect(await folderOf(messageId)).toEqual([folders.processed]);
        const record = await rig.stores.emails.get(emailId);
        expect(record?.state).toBe('filed');
        expect(record?.filedLocation?.mailbox).toBe(folders.processed);
      }
      // The same jobs again (retries after a crash): nothing is where they expected, and nothing moves.
      const before = moveCommands.length;
      expect(await Promise.all(decided.map(({ job }) => fileEmail(job, filing)))).toEqual(decided.map(() => 'already-moved'));
      expect(moveCommands.length).toBe(before);
    } finally {
      restore();
    }
  });

  it('files emails decided one after another in a burst with fewer MOVE commands than emails', async () => {
    const decided = [];
    for (let n = 20; n < 26; n += 1) decided.push(await decidedEmail(n));
    const { filing } = rig.mailboxDeps(client);
    const { moveCommands, restore } = countMoves();
    try {
      // 40 ms apart: a MOVE alone takes Dovecot a few ms, so without gathering most would go in a MOVE of their own.
      const [first, ...rest] = decided;
      const filed = [fileEmail(first!.job, filing)];
      for (const { job } of rest) {
        await new Promise((resolve) => setTimeout(resolve, 40));
        filed.push(fileEmail(job, filing));
      }
      expect(await Promise.all(filed)).toEqual(decided.map(() => 'moved'));
      expect(moveCommands.length).toBeLessThan(decided.length - 1);
      for (const { messageId } of decided) expect(await folderOf(messageId)).toEqual([folders.processed]);
    } finally {
      restore();
    }
  });

  it('rejects a job for an email it has no record of', async () => {
    const job: FilingJob = { emailId: 'c'.repeat(32), uidValidity: '1', uid: 1 };
    await expect(fileEmail(job, rig.mailboxDeps(client).filing)).rejects.toMatchObject({ code: 'MISSING_RECORD', retryable: false });
  });
});
