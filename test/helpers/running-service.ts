import type { ImapFlow } from 'imapflow';
import { Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { ROLES, startService, type RunningService } from '../../services/service.js';
import type { TestEnvironment } from './environment.js';

export interface Running {
  service: RunningService;
  /** A client on the environment's own mailbox, for appending emails and reading folders. */
  mailbox: ImapFlow;
  redis: Redis;
}

/** Runs every role of the service for the tests of one file, and stops it after them. */
export function withRunningService(environment: TestEnvironment): Running {
  const running = {} as Running;
  beforeAll(async () => {
    running.redis = new Redis(environment.config.redisUrl);
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
