import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.js';
import { startLocalRedis, type LocalRedis } from '../src/local-servers/redis-server.js';
import { ROLES, startService } from '../services/service.js';
import { testEnvironment } from './helpers/environment.js';

describe('Redis eviction policy at start-up', () => {
  const dir = mkdtempSync(join(tmpdir(), 'intake-evicting-'));
  let redis: LocalRedis;
  beforeAll(async () => {
    redis = await startLocalRedis(dir, undefined, ['--maxmemory', '100mb', '--maxmemory-policy', 'allkeys-lru']);
  });
  afterAll(async () => {
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses to start on a Redis that evicts keys, saying how to fix it', async () => {
    const environment = testEnvironment({ REDIS_URL: redis.url });
    await expect(startService(environment.config, ROLES, createLogger(environment.config.log))).rejects.toThrow(
      'Redis maxmemory-policy is allkeys-lru, and BullMQ loses jobs when Redis evicts keys: set maxmemory-policy noeviction',
    );
  });
});
