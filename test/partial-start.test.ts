import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.js';
import { createRedis, keysFor } from '../src/redis.js';
import { startService } from '../services/service.js';
import { testEnvironment } from './helpers/environment.js';

describe('a role that fails to start', () => {
  let blocker: Server;
  let port = 0;
  beforeAll(async () => {
    blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    port = (blocker.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => blocker.close(() => resolve())));

  it('stops the roles already started, so the watcher lease is free for another instance', async () => {
    const environment = testEnvironment({ HTTP_HOST: '127.0.0.1', HTTP_PORT: String(port) });
    const redis = createRedis(environment.config.redis, 'test');
    try {
      await expect(startService(environment.config, ['watcher', 'web'], createLogger(environment.config.log))).rejects.toThrow(/EADDRINUSE/);
      expect(await redis.exists(keysFor(environment.config.keyPrefix).watcherLease)).toBe(0);
    } finally {
      redis.disconnect();
    }
  });
});
