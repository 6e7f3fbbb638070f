import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalSentinelRedis } from '../src/local-servers/redis-sentinel.js';
import { endToEndOn } from './helpers/redis-topology.js';

// A primary, its replica and three Sentinels, each with a password: the service asks the Sentinels for the
// primary.
endToEndOn('the service on a primary and replica behind three Sentinels', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'intake-sentinel-'));
  const redis = await startLocalSentinelRedis(dir);
  return {
    env: { REDIS_URL: '', REDIS_SENTINELS: redis.sentinels, REDIS_SENTINEL_NAME: redis.name, REDIS_PASSWORD: redis.password, REDIS_SENTINEL_PASSWORD: redis.sentinelPassword },
    async stop() {
      await redis.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
