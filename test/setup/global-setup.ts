import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildService } from '../../bench/service-process.js';
import { startLocalDovecot } from '../../src/local-servers/dovecot.js';
import { startOutboxSmtp } from '../../src/local-servers/outbox-smtp.js';
import { startLocalRedis } from '../../src/local-servers/redis-server.js';
import { smtpDelayFor, smtpRcptDelayFor, smtpRefusalFor } from '../helpers/smtp-delay.js';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
    dovecotPort: number;
    dovecotDir: string;
    smtpUrl: string;
    outboxDir: string;
  }
}

/** Compiles the service, then starts a real redis-server, Dovecot and SMTP listener on free loopback ports for the integration tests. */
export default async function setup(project: TestProject) {
  // Service processes the tests start use this same node (process.execPath): all of it must be the runtime's.
  if (!process.version.startsWith('v24.')) throw new Error(`Integration tests run on Node.js 24 and this is ${process.version}: run them with npm test`);
  // Tests that start service processes run the compiled service, as production does.
  buildService();
  const root = mkdtempSync(join(tmpdir(), 'intake-test-'));
  // mkdtemp makes the directory 0700; Dovecot's unprivileged processes must reach the mail store inside it.
  chmodSync(root, 0o755);
  const servers: Array<{ stop(): Promise<void> }> = [];
  try {
    const redis = await startLocalRedis(join(root, 'redis'));
    servers.push(redis);
    const dovecot = await startLocalDovecot(join(root, 'dovecot'));
    servers.push(dovecot);
    const smtp = await startOutboxSmtp({ dir: join(root, 'outbox'), delayFor: smtpDelayFor, rcptDelayFor: smtpRcptDelayFor, refusalFor: smtpRefusalFor });
    servers.push(smtp);
    project.provide('redisUrl', redis.url);
    project.provide('dovecotPort', dovecot.port);
    project.provide('dovecotDir', dovecot.dir);
    project.provide('smtpUrl', smtp.url);
    project.provide('outboxDir', smtp.dir);
  } catch (error) {
    await Promise.allSettled(servers.map((server) => server.stop()));
    rmSync(root, { recursive: true, force: true });
    // One clear line: which server is missing or failed, and how to fix it.
    throw new Error(`Integration test servers could not start: ${(error as Error).message.split('\n')[0]}`);
  }
  return async () => {
    await Promise.allSettled(servers.reverse().map((server) => server.stop()));
    rmSync(root, { recursive: true, force: true });
  };
}
