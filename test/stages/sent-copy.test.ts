import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SentCopyJob } from '../../src/queues.js';
import { copyToSent } from '../../workers/sent-copy/handler.js';
import { handleIntake } from '../../workers/intake/handler.js';
import { composeEmail } from '../helpers/compose-email.js';
import { createStageRig } from './stage-deps.js';

describe('sent-copy stage', () => {
  const rig = createStageRig();
  const sentFolder = rig.env.config.imap.folders.sent;
  let client: ImapFlow;
  beforeAll(async () => {
    client = await rig.mailbox();
  });
  afterAll(() => rig.close());

  /** Sends a no-form reply through the intake stage; returns the reply and the copy job its send queued. */
  async function sentReply(n: number) {
    const emailId = await rig.pickUp(
      await composeEmail({ messageId: `<copy-${Date.now()}-${n}@smith-law.example>`, from: `clerk${n}@copy.example`, text: 'Please register us.' }),
    );
    await handleIntake({ emailId }, rig.deps);
    const reply = rig.sent.find((email) => email.emailId === emailId);
    if (!reply) throw new Error('no reply was sent');
    const jobs = await rig.jobs('sent-copy');
    return { reply, jobs: jobs.map((job) => job.data as SentCopyJob) };
  }

  /** For each email in Sent with this Message-ID, whether it is marked read. */
  async function copiesOf(messageId: string): Promise<boolean[]> {
    const lock = await client.getMailboxLock(sentFolder);
    try {
      const uids = (await client.search({ header: { 'message-id': messageId } }, { uid: true })) || [];
      const copies: boolean[] = [];
      for (const uid of uids) {
        const message = await client.fetchOne(String(uid), { flags: true }, { uid: true });
        copies.push(message ? (message.flags?.has('\\Seen') ?? false) : false);
      }
      return copies;
    } finally {
      lock.release();
    }
  }

  it('appends the email that went out to Sent, marked read, once however often it runs', async () => {
    const { reply, jobs } = await sentReply(1);
    expect(jobs).toHaveLength(1);
    const [job] = jobs;
    const { sentCopy } = rig.mailboxDeps(client);

    expect(await copyToSent(job!, sentCopy)).toBe('appended');
    expect(await copiesOf(reply.messageId)).toEqual([true]);
    expect(await copyToSent(job!, sentCopy)).toBe('gone');
    expect(await copiesOf(reply.messageId)).toEqual([true]);
  });

  it('keeps the copy while the mailbox is not connected, and appends it once it is', async () => {
    const before = (await rig.jobs('sent-copy')).length;
    const { reply, jobs } = await sentReply(2);
    const job = jobs.slice(before)[0];
    expect(job).toBeDefined();

    await expect(copyToSent(job!, rig.mailboxDeps(null).sentCopy)).rejects.toMatchObject({ code: 'MAILBOX_UNAVAILABLE', retryable: true });
    expect(await copiesOf(reply.messageId)).toEqual([]);
    expect(await copyToSent(job!, rig.mailboxDeps(client).sentCopy)).toBe('appended');
    expect(await copiesOf(reply.messageId)).toHaveLength(1);
  });

  it('treats a copy that is no longer kept as done', async () => {
    expect(await copyToSent({ copyId: 'b'.repeat(32) }, rig.mailboxDeps(client).sentCopy)).toBe('gone');
  });
});
