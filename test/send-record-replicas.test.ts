import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SentTexts } from '../src/emails/sent-texts.js';
import { TokenSources } from '../src/mail-auth/token-sources.js';
import { sendOnce, type OutgoingEmail } from '../src/mail/send-once.js';
import { SendRecords } from '../src/mail/send-records.js';
import { createMailTransport } from '../src/mail/transport.js';
import { MetricsCounters } from '../src/metrics/counters.js';
import { createRedis, keysFor } from '../src/redis.js';
import { outboxEmails, testEnvironment, waitFor } from './helpers/environment.js';

// The shared test server has no replica, so WAIT never sees the record confirmed: exactly the case where a
// failover could lose it.
describe('the send record and Redis replicas', () => {
  it('sends nothing and keeps no record while no replica confirms it, then sends once when none is required', async () => {
    const environment = testEnvironment();
    const redis = createRedis(environment.config.redis, 'test');
    const keys = keysFor(environment.config.keyPrefix);
    const transport = createMailTransport(environment.config.smtp, new TokenSources(), { authRetryMaxMs: 1_000 });
    const records = new SendRecords(redis, keys);
    const stores = { records, metrics: new MetricsCounters(redis, keys), sentTexts: new SentTexts(redis, keys) };
    const messageId = `<replicas-${randomUUID()}@cjscp.org.uk>`;
    const email: OutgoingEmail = {
      emailId: randomUUID().replaceAll('-', ''),
      kind: 'acknowledgement',
      from: environment.config.onboardingAddress,
      to: 'clerk@replicas.example',
      messageId,
      subject: 'Your registration',
      text: 'Received.',
      html: '<p>Received.</p>',
      autoReply: true,
    };
    const delivered = () => outboxEmails((received) => received.parsed.messageId === messageId);
    try {
      await expect(sendOnce({ transport, ...stores, replicas: 1 }, email)).rejects.toMatchObject({
        code: 'SEND_RECORD_UNREPLICATED',
        retryable: true,
        retryAfterMs: expect.any(Number),
      });
      expect(await records.read(records.keyFor(email))).toBeNull();

      expect(await sendOnce({ transport, ...stores, replicas: 0 }, email)).toBe('sent');
      await waitFor(async () => (await delivered()).length > 0, 'the email at the SMTP listener', 30_000);
      expect(await sendOnce({ transport, ...stores, replicas: 0 }, email)).toBe('already-sent');
      // The refused attempt stopped before the message's last line: the listener kept only the one that went out.
      expect(await delivered()).toHaveLength(1);
    } finally {
      transport.close();
      redis.disconnect();
    }
  });
});
