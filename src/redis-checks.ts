import { Cluster } from 'ioredis';
import { ConfigError } from './config.js';
import type { Logger } from './logger.js';
import type { RedisClient } from './redis.js';

const FIX = "set maxmemory-policy noeviction (redis.conf, CONFIG SET, or the managed service's parameters)";

/**
 * BullMQ loses jobs when Redis evicts keys, so every primary must run with `maxmemory-policy noeviction`: start-up
 * fails, saying how to fix it, when one does not. Managed Redis often refuses CONFIG: then the policy cannot be
 * seen, and the service warns and starts.
 */
export async function checkEvictionPolicy(redis: RedisClient, logger: Logger, timeoutMs = 10_000): Promise<void> {
  let policies: string[];
  try {
    policies = await withTimeout(readPolicies(redis), timeoutMs);
  } catch (error) {
    logger.warn({ err: error }, `could not read Redis maxmemory-policy; make sure it is noeviction: ${FIX}`);
    return;
  }
  const wrong = policies.filter((policy) => policy !== 'noeviction');
  if (wrong.length > 0) throw new ConfigError(`Redis maxmemory-policy is ${wrong[0]}, and BullMQ loses jobs when Redis evicts keys: ${FIX}`);
}

async function readPolicies(redis: RedisClient): Promise<string[]> {
  if (redis instanceof Cluster) {
    if (redis.status !== 'ready') await new Promise((resolve) => redis.once('ready', resolve));
    return Promise.all(redis.nodes('master').map(async (node) => policyOf(await node.config('GET', 'maxmemory-policy'))));
  }
  return [policyOf(await redis.config('GET', 'maxmemory-policy'))];
}

const policyOf = (reply: unknown) => String((reply as string[])[1] ?? 'unknown');

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** For readiness: whether Redis answers a PING within a second. */
export async function redisReachable(redis: RedisClient): Promise<boolean> {
  if (redis.status !== 'ready') return false;
  const timeout = new Promise<false>((resolve) => setTimeout(() => resolve(false), 1_000).unref());
  return Promise.race([
    redis.ping().then(
      (answer) => answer === 'PONG',
      () => false,
    ),
    timeout,
  ]);
}
