import { join } from 'node:path';
import { loadRedisConfig } from '../src/config.js';
import { startLocalRedis } from '../src/local-servers/redis-server.js';
import { startLocalSentinelRedis } from '../src/local-servers/redis-sentinel.js';
import { Redis } from 'ioredis';
import { createRedis } from '../src/redis.js';

export type BenchRedisTopology = 'standalone' | 'sentinel';

/** The bench's Redis: one server, or a primary and replica behind three Sentinels. */
export interface BenchRedis {
  topology: BenchRedisTopology;
  /** The REDIS_* settings that reach it, for the service's environment. */
  env: Record<string, string>;
  /** A client for the bench's own reads, built as the service builds its own, so it follows a failover too. */
  connect(name: string): Redis;
  /** Standalone: stops and starts the server. Sentinel: stops the primary so that the Sentinels promote the replica. */
  disrupt(): Promise<string>;
  stop(): Promise<void>;
}

export async function startBenchRedis(dir: string, topology: BenchRedisTopology): Promise<BenchRedis> {
  let env: Record<string, string>;
  let disrupt: () => Promise<string>;
  let stop: () => Promise<void>;
  if (topology === 'sentinel') {
    const redis = await startLocalSentinelRedis(join(dir, 'redis-sentinel'));
    env = {
      REDIS_SENTINELS: redis.sentinels,
      REDIS_SENTINEL_NAME: redis.name,
      REDIS_PASSWORD: redis.password,
      REDIS_SENTINEL_PASSWORD: redis.sentinelPassword,
    };
    disrupt = async () => {
      const { from, to } = await redis.failOver();
      return `failed Redis over from :${from} to :${to}`;
    };
    stop = () => redis.stop();
  } else {
    const redis = await startLocalRedis(join(dir, 'redis'));
    env = { REDIS_URL: redis.url };
    disrupt = async () => {
      await redis.restart();
      return 'restarted Redis';
    };
    stop = () => redis.stop();
  }
  const { redis: config } = loadRedisConfig(env);
  const connect = (name: string) => {
    const client = createRedis(config, name);
    if (!(client instanceof Redis)) throw new Error('the bench runs on one Redis server or behind Sentinel');
    return client;
  };
  return { topology, env, connect, disrupt, stop };
}
