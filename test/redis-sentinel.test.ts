import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { loadRedisConfig } from '../src/config.js';
import { startLocalSentinelRedis, type LocalSentinelRedis } from '../src/local-servers/redis-sentinel.js';
import { createRedis } from '../src/redis.js';
import { composeBurst, expectEachHandledOnce } from './helpers/burst.js';
import { folderContents, outboxEmails, waitFor } from './helpers/environment.js';
import { endToEndOn } from './helpers/redis-topology.js';

let redis: LocalSentinelRedis;

// A primary, its replica and three Sentinels, each with a password: the service asks the Sentinels for the
// primary, and follows them when they promote the replica.
endToEndOn(
  'the service on a primary and replica behind three Sentinels',
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'intake-sentinel-'));
    redis = await startLocalSentinelRedis(dir);
    return {
      env: {
        REDIS_URL: '',
        REDIS_SENTINELS: redis.sentinels,
        REDIS_SENTINEL_NAME: redis.name,
        REDIS_PASSWORD: redis.password,
        REDIS_SENTINEL_PASSWORD: redis.sentinelPassword,
      },
      async stop() {
        await redis.stop();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
  (run) => {
    // Every process holds many connections (BullMQ adds one per worker); each must come back, and its commands wait
    // through the switch instead of failing.
    it('keeps every connection working across a failover, failing no command', async () => {
      const { redis: config } = loadRedisConfig(run.redis.env);
      const clients = Array.from({ length: 20 }, (_, n) => createRedis(config, `failover-probe-${n}`));
      const failures: string[] = [];
      let running = true;
      const load = clients.map(async (client, n) => {
        client.on('error', () => undefined);
        while (running) {
          await client.incr(`failover-probe:${n}`).catch((error: Error) => failures.push(error.message));
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
      });
      try {
        await redis.failOver();
        const answering = async () =>
          (
            await Promise.all(
              clients.map((client) =>
                client.ping().then(
                  () => true,
                  () => false,
                ),
              ),
            )
          ).every(Boolean);
        await waitFor(answering, 'every connection to answer after the failover', 30_000);
        expect(failures).toEqual([]);
      } finally {
        running = false;
        await Promise.all(load);
        for (const client of clients) client.disconnect();
      }
    }, 120_000);

    it('answers and files each email of a burst exactly once while the primary fails over twice mid-burst', async () => {
      const before = await folderContents(run.mailbox, ['Accepted', 'Review']);
      const { burst, emails } = await composeBurst(40);
      const answered = async () => (await outboxEmails((email) => String(email.parsed.inReplyTo ?? '').includes(burst.tag))).length;
      for (const email of emails.slice(0, 20)) await run.mailbox.append('INBOX', email);
      // Fail over once replies are going out, so the failover lands on jobs in every stage.
      await waitFor(async () => (await answered()) > 0, 'the first reply of the burst', 60_000);
      await redis.failOver();
      for (const email of emails.slice(20)) await run.mailbox.append('INBOX', email);
      await redis.failOver();
      await expectEachHandledOnce(run.mailbox, burst, { timeoutMs: 180_000, alreadyFiled: (before.Accepted ?? 0) + (before.Review ?? 0) });
    }, 300_000);
  },
);
