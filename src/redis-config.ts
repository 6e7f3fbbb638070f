import { z } from 'zod';

export interface RedisEndpoint {
  host: string;
  port: number;
}

/** Where Redis is and how to log in to it: one plain server, a primary found through Sentinel, or a Cluster. */
export interface RedisConfig {
  topology:
    | { kind: 'standalone'; node: RedisEndpoint; db: number }
    | { kind: 'sentinel'; sentinels: RedisEndpoint[]; name: string; db: number; sentinelUsername: string | null; sentinelPassword: string | null }
    | { kind: 'cluster'; nodes: RedisEndpoint[] };
  /** The ACL user (null: the default user) and its password. */
  username: string | null;
  password: string | null;
  /** TLS (rediss:// or REDIS_TLS=true) to every server, Sentinels included; `ca` is the PEM of REDIS_TLS_CA_FILE. */
  tls: { ca: string | null } | null;
  /** Replicas that must confirm an email's send record (Redis WAIT) before the email goes out. */
  waitReplicas: number;
}

/** A malformed Redis setting: its message is the one line shown at start-up. */
export class RedisSettingError extends Error {}

const optionalText = z.string().min(1).optional();
const endpointList = z
  .string()
  .regex(/^\s*[^\s:,]+:\d{1,5}\s*(,\s*[^\s:,]+:\d{1,5}\s*)*$/, 'must be a comma-separated list of host:port')
  .optional();

/** The Redis settings, merged into the service's one environment schema. */
export const RedisEnvSchema = z.object({
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'must be a URL starting with redis:// or rediss://' }).optional(),
  REDIS_USERNAME: optionalText,
  REDIS_PASSWORD: optionalText,
  REDIS_TLS: z.enum(['true', 'false']).optional(),
  REDIS_TLS_CA_FILE: optionalText,
  REDIS_SENTINELS: endpointList,
  REDIS_SENTINEL_NAME: z
    .string()
    .regex(/^[a-zA-Z0-9._-]{1,100}$/, 'must be the name Sentinel monitors the primary by')
    .optional(),
  REDIS_SENTINEL_USERNAME: optionalText,
  REDIS_SENTINEL_PASSWORD: optionalText,
  REDIS_CLUSTER_NODES: endpointList,
  REDIS_WAIT_REPLICAS: z.string().regex(/^\d$/, 'must be a number of replicas from 0 to 9').transform(Number).optional(),
  KEY_PREFIX: z
    .string()
    .regex(/^(?=.{1,40}$)[a-zA-Z0-9_-]*(\{[a-zA-Z0-9_-]+\})?[a-zA-Z0-9_-]*$/, 'must be 1-40 letters, digits, _ or -, with at most one {hash tag}')
    .default('intake'),
});

type RedisEnv = z.infer<typeof RedisEnvSchema>;

function endpoints(list: string): RedisEndpoint[] {
  return list.split(',').map((item) => {
    const [host = '', port = ''] = item.trim().split(':');
    return { host, port: Number(port) };
  });
}

const decoded = (value: string) => (value ? decodeURIComponent(value) : null);

/** Checked before the other settings, as REDIS_URL always was: without Redis nothing else matters. */
export function missingRedisLocation(settings: Record<string, string | undefined>): string | null {
  return settings.REDIS_URL || settings.REDIS_SENTINELS || settings.REDIS_CLUSTER_NODES ? null : 'REDIS_URL is required but not set';
}

/** Reads the Redis settings; `readFile` reads REDIS_TLS_CA_FILE. Throws RedisSettingError naming the setting. */
export function redisConfig(env: RedisEnv, readFile: (path: string) => string): RedisConfig {
  const sentinels = env.REDIS_SENTINELS ? endpoints(env.REDIS_SENTINELS) : null;
  const clusterNodes = env.REDIS_CLUSTER_NODES ? endpoints(env.REDIS_CLUSTER_NODES) : null;
  if (sentinels && clusterNodes) throw new RedisSettingError('REDIS_SENTINELS and REDIS_CLUSTER_NODES are both set; a deployment uses one');
  const url = env.REDIS_URL ? new URL(env.REDIS_URL) : null;
  const db = url && url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0;
  if (!Number.isInteger(db) || db < 0) throw new RedisSettingError('REDIS_URL must end in a database number, if anything');
  if (clusterNodes && db !== 0) throw new RedisSettingError('REDIS_URL names a database, and Redis Cluster has only database 0');
  if (sentinels && !env.REDIS_SENTINEL_NAME) throw new RedisSettingError('REDIS_SENTINEL_NAME is required with REDIS_SENTINELS');
  if (clusterNodes && !/\{[^}]+\}/.test(env.KEY_PREFIX)) {
    throw new RedisSettingError(`KEY_PREFIX must be a hash tag on Redis Cluster, such as {${env.KEY_PREFIX}}, so that each queue's keys share a slot`);
  }
  if (clusterNodes && env.REDIS_WAIT_REPLICAS)
    throw new RedisSettingError('REDIS_WAIT_REPLICAS is for a primary with replicas, not Redis Cluster: leave it unset or 0');
  const tlsOn = env.REDIS_TLS ? env.REDIS_TLS === 'true' : url?.protocol === 'rediss:';
  if (env.REDIS_TLS_CA_FILE && !tlsOn) throw new RedisSettingError('REDIS_TLS_CA_FILE is set but the connection is not TLS: use rediss:// or REDIS_TLS=true');
  let ca: string | null = null;
  if (env.REDIS_TLS_CA_FILE) {
    try {
      ca = readFile(env.REDIS_TLS_CA_FILE);
    } catch (error) {
      throw new RedisSettingError(
        `REDIS_TLS_CA_FILE names a file that cannot be read (${(error as NodeJS.ErrnoException).code ?? 'unreadable'}): ${env.REDIS_TLS_CA_FILE}`,
      );
    }
  }
  const topology: RedisConfig['topology'] = sentinels
    ? {
        kind: 'sentinel',
        sentinels,
        name: env.REDIS_SENTINEL_NAME ?? '',
        db,
        sentinelUsername: env.REDIS_SENTINEL_USERNAME ?? null,
        sentinelPassword: env.REDIS_SENTINEL_PASSWORD ?? null,
      }
    : clusterNodes
      ? { kind: 'cluster', nodes: clusterNodes }
      : { kind: 'standalone', node: { host: url!.hostname.replace(/^\[|\]$/g, ''), port: url!.port ? Number(url!.port) : 6379 }, db };
  return {
    topology,
    username: env.REDIS_USERNAME ?? decoded(url?.username ?? ''),
    password: env.REDIS_PASSWORD ?? decoded(url?.password ?? ''),
    tls: tlsOn ? { ca } : null,
    // Behind Sentinel a failover promotes a replica: a send record it never received could let an email go twice.
    waitReplicas: env.REDIS_WAIT_REPLICAS ?? (sentinels ? 1 : 0),
  };
}
