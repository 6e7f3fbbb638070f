import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { ROLES, startService, type RunningService } from '../../services/service.js';
import type { TestEnvironment } from './environment.js';
import { createRedis, type RedisClient } from '../../src/redis.js';

export interface Running {
  service: RunningService;
  /** A client on the environment's own mailbox, for appending emails and reading folders. */
  mailbox: ImapFlow;
  redis: RedisClient;
}

/** Runs every role of the service for the tests of one file, and stops it after them. */
export function withRunningService(environment: TestEnvironment): Running {
  const running = {} as Running;
  beforeAll(async () => {
    running.redis = createRedis(environment.config.redis, 'test');
    running.service = await startService(environment.config, ROLES, createLogger(environment.config.log));
    running.mailbox = await environment.imap();
  });
  afterAll(async () => {
    await running.mailbox?.logout();
    await running.service?.stop();
    running.redis?.disconnect();
  });
  return running;
}
