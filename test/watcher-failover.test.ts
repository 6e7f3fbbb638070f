import { describe, it } from 'vitest';
import { createLogger } from '../src/logger.js';
import { ROLES, startService } from '../services/service.js';
import { composeBurst, expectEachHandledOnce } from './helpers/burst.js';
import { testEnvironment } from './helpers/environment.js';

describe('two service instances on one mailbox', () => {
  it('pick up each email once between them, and the standby takes over when the active watcher stops', async () => {
    const environment = testEnvironment({ WATCHER_LEASE_TTL_MS: '1000' });
    const first = await startService(environment.config, ROLES, createLogger(environment.config.log));
    const second = await startService(environment.config, ROLES, createLogger(environment.config.log));
    const mailbox = await environment.imap();
    try {
      const { burst, emails } = await composeBurst(60);
      for (const email of emails.slice(0, 30)) await mailbox.append('INBOX', email);
      // Whichever instance holds the lease is stopped; the other must carry on with the rest.
      await first.stop();
      for (const email of emails.slice(30)) await mailbox.append('INBOX', email);
      await expectEachHandledOnce(mailbox, burst, { timeoutMs: 60_000 });
    } finally {
      await mailbox.logout();
      await second.stop();
    }
  }, 120_000);
});
