import type { BenchStack } from './bench-stack.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function rewriteSettled(info: () => Promise<string>): Promise<void> {
  for (;;) {
    const persistence = await info();
    if (/aof_rewrite_in_progress:0/.test(persistence) && /aof_rewrite_scheduled:0/.test(persistence)) return;
    await sleep(100);
  }
}

/**
 * Empties the bench's Redis and rewrites its append-only file, so that every measured run starts from the same
 * state: the run before it leaves records and, when stopped at the drain, about 100,000 queued activation emails,
 * which would otherwise stay in memory and make each of the next run's rewrites (a fork, counted in Redis's CPU)
 * several times longer.
 */
export async function emptyRedis(stack: BenchStack): Promise<void> {
  const redis = stack.redis.connect('bench-reset');
  const info = () => redis.info('persistence');
  try {
    await rewriteSettled(info);
    await redis.flushall();
    await redis.bgrewriteaof();
    await rewriteSettled(info);
  } finally {
    redis.disconnect();
  }
}
