import type { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../src/config.js';
import type { Logger } from '../src/logger.js';
import { expiryWarnings } from '../src/mail-auth/login-overview.js';
import { createEnqueue } from '../src/enqueue.js';
import { createQueue, QUEUES, type QueueName } from '../src/queues.js';
import { createRedis, keysFor } from '../src/redis.js';
import { checkEvictionPolicy } from '../src/redis-checks.js';
import { buildStores } from '../src/stores.js';

export const ROLES = ['watcher', 'worker', 'web'] as const;
export type Role = (typeof ROLES)[number];

export interface RunningService {
  /** Stops taking work, lets in-flight jobs finish, then closes every connection, in that order. */
  stop(): Promise<void>;
  web: FastifyInstance | null;
}

/** Starts the chosen roles in this process; every role shares one Redis and can also run alone elsewhere. */
export async function startService(config: Config, roles: readonly Role[], logger: Logger): Promise<RunningService> {
  const keys = keysFor(config.keyPrefix);
  const redis = createRedis(config.redis, `${config.keyPrefix}:${roles.join('+')}`);
  redis.on('error', (error) => logger.warn({ err: error }, 'redis connection error'));
  try {
    await checkEvictionPolicy(redis, logger);
  } catch (error) {
    redis.disconnect();
    throw error;
  }
  const stores = buildStores(redis, keys, config);
  const queues = Object.fromEntries(Object.values(QUEUES).map((name) => [name, createQueue(name, redis, keys.bullPrefix)])) as Record<QueueName, Queue>;
  const started: StartedRoles = { watcher: null, workers: null, web: null };
  const stopAll = () => closeInOrder(started, { queues, redis, counters: stores.metrics }, logger);
  try {
    // Each role's modules load only when it runs: a worker process does not carry the web server (about 20 MB).
    if (roles.includes('watcher')) {
      started.watcher = await (
        await import('./mailbox-watcher/role.js')
      ).startWatcherRole({ config, stores, redis, keys, enqueue: createEnqueue(queues), logger });
    }
    if (roles.includes('worker')) started.workers = await (await import('../workers/role.js')).startWorkerRole({ config, redis, keys, stores, queues, logger });
    if (roles.includes('web')) {
      const [{ staffDepsFor }, { buildWebServer }] = await Promise.all([import('./web/staff/staff-deps.js'), import('./web/server.js')]);
      // The sign-in rate limiter is a plugin that keeps its counters itself, under the staff keys.
      const staff = staffDepsFor({ config, stores, queues, logger, rateLimit: { redis, nameSpace: `${keys.staff('rate-limit')}:` } });
      const activation = {
        registry: stores.registry,
        tokens: stores.tokens,
        helpAddress: config.onboardingAddress,
        onActivated: () => staff.metrics.activated(),
      };
      started.web = buildWebServer({
        redisReachable: stores.reachable,
        heartbeat: stores.heartbeat,
        authHealth: stores.authHealth,
        activation,
        watcherStaleAfterMs: config.watcherStaleAfterMs,
        logger,
        staff,
        trustProxy: config.http.trustProxy,
      });
      await started.web.listen({ host: config.http.host, port: config.http.port });
    }
  } catch (error) {
    // A role that failed to start must not leave the others holding the watcher lease or taking jobs.
    await stopAll();
    throw error;
  }

  logger.info({ roles }, 'service started');
  const warnExpiry = () => {
    for (const warning of expiryWarnings(config)) logger.warn(warning);
  };
  warnExpiry();
  // A process runs for weeks: the warning comes back daily until the credential is renewed.
  const expiryTimer = setInterval(warnExpiry, 24 * 3600_000).unref();
  return {
    web: started.web,
    async stop() {
      clearInterval(expiryTimer);
      await stopAll();
      logger.info('service stopped');
    },
  };
}

interface StartedRoles {
  watcher: { stopPickup(): Promise<unknown>; close(): Promise<unknown> } | null;
  workers: { close(): Promise<unknown> } | null;
  web: FastifyInstance | null;
}

/** Shutdown order: stop picking up, let workers finish what they hold, then close the connections. */
async function closeInOrder(
  started: StartedRoles,
  shared: { queues: Record<QueueName, Queue>; redis: { quit(): Promise<unknown> }; counters: { flush(): Promise<void> } },
  logger: Logger,
): Promise<void> {
  const { watcher, workers, web } = started;
  const closers: Array<{ name: string; close: () => Promise<unknown> }> = [];
  if (watcher) closers.push({ name: 'pickup', close: () => watcher.stopPickup() });
  if (workers) closers.push({ name: 'workers', close: () => workers.close() });
  if (watcher) closers.push({ name: 'filing and mailbox', close: () => watcher.close() });
  if (web) closers.push({ name: 'web server', close: () => web.close() });
  closers.push({ name: 'queues', close: () => Promise.all(Object.values(shared.queues).map((queue) => queue.close())) });
  closers.push({ name: 'counters', close: () => shared.counters.flush() });
  closers.push({ name: 'redis', close: () => shared.redis.quit() });
  for (const closer of closers) {
    try {
      await closer.close();
    } catch (error) {
      logger.warn({ err: error, part: closer.name }, 'error while closing');
    }
  }
}
