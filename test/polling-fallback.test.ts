import { describe, expect, it } from 'vitest';
import { ImapFlow } from 'imapflow';
import { createLogger } from '../src/logger.js';
import { composeEmail } from '../src/samples/sample-emails.js';
import { ROLES, startService } from '../services/service.js';
import { folderContents, outboxEmails, repliesTo, testEnvironment, waitFor } from './helpers/environment.js';
import { startOwnDovecot } from './helpers/own-dovecot.js';

describe('a mailbox server without IDLE', () => {
  it('is polled instead, and new email is still picked up and answered', async () => {
    // The server no longer offers IDLE; imapflow would only send NOOP every few minutes on its own.
    const own = await startOwnDovecot('polled', { extraConfig: '\nimap_capability = IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE LITERAL+ UIDPLUS MOVE\n' });
    const { dovecot } = own;
    const environment = testEnvironment({ IMAP_URL: own.imapUrl, IMAP_POLL_INTERVAL_MS: '400' });
    const service = await startService(environment.config, ROLES, createLogger(environment.config.log));
    const mailbox = new ImapFlow({ host: '127.0.0.1', port: dovecot.port, secure: false, auth: { user: 'polled', pass: 'polled' }, logger: false });
    try {
      await mailbox.connect();
      expect(mailbox.capabilities.has('IDLE')).toBe(false);
      const messageId = `<polled-${Date.now()}@firm.example>`;
      await mailbox.append('INBOX', await composeEmail({ messageId, subject: 'Registration' }));
      await waitFor(async () => (await outboxEmails(repliesTo(messageId))).length === 1, 'the reply', 10_000);
      await waitFor(async () => (await folderContents(mailbox, ['INBOX'])).INBOX === 0, 'the email to leave the inbox', 10_000);
    } finally {
      await mailbox.logout().catch(() => undefined);
      await service.stop();
      await own.dispose();
    }
  });
});
