import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startLocalDovecot } from '../src/local-servers/dovecot.js';
import { createLogger } from '../src/logger.js';
import { ROLES, startService } from '../services/service.js';
import { testEnvironment, waitFor } from './helpers/environment.js';

describe('liveness of the mailbox watcher', () => {
  const dir = mkdtempSync(join(tmpdir(), 'intake-liveness-'));
  chmodSync(dir, 0o755);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reports not ready while the mailbox is lost, and ready again once the watcher reconnects', async () => {
    const dovecot = await startLocalDovecot(join(dir, 'dovecot'));
    dovecot.addUser('live', 'live');
    const environment = testEnvironment({ IMAP_URL: dovecot.imapUrl('live', 'live'), WATCHER_STALE_AFTER_MS: '1000' });
    const service = await startService(environment.config, ROLES, createLogger(environment.config.log));
    const ready = async () => {
      const response = await service.web!.inject({ method: 'GET', url: '/readyz' });
      return { status: response.statusCode, body: response.json() as { imap: string; lastMailboxContactAt: string | null } };
    };
    try {
      await waitFor(async () => (await ready()).status === 200, 'ready at start');
      await dovecot.stop();
      const lost = await waitFor(async () => {
        const answer = await ready();
        return answer.status === 503 ? answer : null;
      }, 'not ready once the mailbox is gone', 10_000);
      expect(lost.body.imap).toBe('unavailable');
      expect(lost.body.lastMailboxContactAt).not.toBeNull();
      await dovecot.restart();
      await waitFor(async () => (await ready()).status === 200, 'ready again after reconnecting', 40_000);
    } finally {
      await service.stop();
      await dovecot.stop();
    }
  }, 90_000);
});
