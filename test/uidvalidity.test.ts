import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import { ImapFlow } from 'imapflow';
import { EmailStore } from '../src/emails/email-store.js';
import { createLogger } from '../src/logger.js';
import { QUEUES } from '../src/queues.js';
import { createRedis, keysFor } from '../src/redis.js';
import { composeEmail } from '../src/samples/sample-emails.js';
import { SubmissionStore } from '../src/submissions/submission-store.js';
import { ROLES, startService } from '../services/service.js';
import { folderContents, outboxEmails, testEnvironment, waitFor } from './helpers/environment.js';
import { firmForm } from './helpers/forms.js';
import { formsAwaitingSetup } from './helpers/submissions.js';
import { startOwnDovecot } from './helpers/own-dovecot.js';

describe('a mailbox rebuilt with a new UIDVALIDITY', () => {
  it('rescans it and carries each email on exactly once', async () => {
    const own = await startOwnDovecot('rebuilt');
    const { dovecot } = own;
    const environment = testEnvironment({ IMAP_URL: own.imapUrl });
    const redis = createRedis(environment.config.redis, 'test');
    const keys = keysFor(environment.config.keyPrefix);
    const setup = new Queue(QUEUES.setup, { connection: redis, prefix: keys.bullPrefix });
    const uidValidityOf = async (client: ImapFlow) => {
      const status = await client.status('INBOX', { uidValidity: true });
      return status ? String(status.uidValidity) : '';
    };
    const connect = async () => {
      const client = new ImapFlow({ host: '127.0.0.1', port: dovecot.port, secure: false, auth: { user: 'rebuilt', pass: 'rebuilt' }, logger: false });
      await client.connect();
      return client;
    };
    try {
      // Hold the emails half-way (checked and acknowledged, not yet set up), so they are still in the inbox.
      await setup.pause();
      let service = await startService(environment.config, ROLES, createLogger(environment.config.log));
      let mailbox = await connect();
      const ids = [0, 1, 2, 3].map((n) => `<rebuilt-${n}-${Date.now()}@firm${n}.example>`);
      for (const [n, messageId] of ids.entries()) {
        await mailbox.append(
          'INBOX',
          await composeEmail({
            messageId,
            from: `clerk@firm${n}.example`,
            attachments: [{ filename: 'form.xlsx', content: await firmForm(700 + n, 'Leeds Crown Court') }],
          }),
        );
      }
      const submissions = new SubmissionStore(redis, keys);
      await formsAwaitingSetup(submissions, 4, 'the four forms to wait for set-up', 30_000);
      const before = await uidValidityOf(mailbox);
      await mailbox.logout();
      await service.stop();

      // Rebuild the mailbox's index: the same emails come back under a new UIDVALIDITY and new UIDs.
      await dovecot.stop();
      const inbox = join(dovecot.dir, 'mail', 'rebuilt');
      for (const name of readdirSync(inbox)) if (name.startsWith('dovecot')) rmSync(join(inbox, name), { force: true });
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      await dovecot.restart();

      service = await startService(environment.config, ROLES, createLogger(environment.config.log));
      mailbox = await connect();
      const after = await uidValidityOf(mailbox);
      expect(after).not.toBe(before);
      await setup.resume();
      await waitFor(
        async () => {
          const folders = await folderContents(mailbox, ['INBOX', 'Accepted']);
          return folders.INBOX === 0 && folders.Accepted === 4;
        },
        'all four to be filed under Accepted',
        30_000,
      );
      for (const messageId of ids) expect(await outboxEmails((email) => email.parsed.inReplyTo === messageId)).toHaveLength(1);
      const records = (await new EmailStore(redis, keys).listSince(0)).filter((record) => ids.includes(record.messageId));
      expect(records).toHaveLength(4);
      expect(records.every((record) => record.state === 'filed' && record.uidValidity === after)).toBe(true);
      await mailbox.logout();
      await service.stop();
    } finally {
      await setup.close();
      redis.disconnect();
      await own.dispose();
    }
  }, 120_000);
});
