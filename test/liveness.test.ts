import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.js';
import { ROLES, startService } from '../services/service.js';
import { testEnvironment, waitFor } from './helpers/environment.js';
import { startOwnDovecot } from './helpers/own-dovecot.js';

describe('liveness of the mailbox watcher', () => {
  it('reports not ready while the mailbox is lost, and ready again once the watcher reconnects', async () => {
    const own = await startOwnDovecot('live');
    const { dovecot } = own;
    const environment = testEnvironment({ IMAP_URL: own.imapUrl, WATCHER_STALE_AFTER_MS: '1000' });
    const service = await startService(environment.config, ROLES, createLogger(environment.config.log));
    const ready = async () => {
      const response = await service.web!.inject({ method: 'GET', url: '/readyz' });
      return { status: response.statusCode, body: response.json() as { imap: string; lastMailboxContactAt: string | null } };
    };
    try {
      await waitFor(async () => (await ready()).status === 200, 'ready at start');
      await dovecot.stop();
      const lost = await waitFor(
        async () => {
          const answer = await ready();
          return answer.status === 503 ? answer : null;
        },
        'not ready once the mailbox is gone',
        10_000,
      );
      expect(lost.body.imap).toBe('unavailable');
      expect(lost.body.lastMailboxContactAt).not.toBeNull();
      await dovecot.restart();
      await waitFor(async () => (await ready()).status === 200, 'ready again after reconnecting', 40_000);
    } finally {
      await service.stop();
      await own.dispose();
    }
  }, 90_000);
});
