import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { configRefusal, readFrom } from './testing/config-refusal.js';

const mail = { IMAP_URL: 'imap://onboarding:secret@mail.example:1143', SMTP_URL: 'smtp://relay.example:587' };
const files: Record<string, string> = {
  '/run/secrets/redis-ca.pem': 'CA PEM\n',
  '/run/secrets/redis-password': 'from-a-file\n',
  '/run/secrets/sentinel-password': 'sentinel-secret\n',
};
const readFile = readFrom(files);
const redisOf = (env: Record<string, string>) => loadConfig({ ...mail, ...env }, false, readFile).redis;
const errorFor = (env: Record<string, string>) => configRefusal({ ...mail, ...env }, files);

describe('Redis settings', () => {
  it('reads one server, its database, ACL user and password from REDIS_URL', () => {
    expect(redisOf({ REDIS_URL: 'redis://intake:p%40ss@redis.internal:6380/2' })).toEqual({
      topology: { kind: 'standalone', node: { host: 'redis.internal', port: 6380 }, db: 2 },
      username: 'intake',
      password: 'p@ss',
      tls: null,
      waitReplicas: 0,
    });
  });

  it('uses TLS for rediss://, trusting the CA of REDIS_TLS_CA_FILE, with the password from REDIS_PASSWORD_FILE', () => {
    const redis = redisOf({
      REDIS_URL: 'rediss://redis.internal',
      REDIS_USERNAME: 'intake',
      REDIS_PASSWORD_FILE: '/run/secrets/redis-password',
      REDIS_TLS_CA_FILE: '/run/secrets/redis-ca.pem',
    });
    expect(redis).toMatchObject({ topology: { node: { port: 6379 } }, username: 'intake', password: 'from-a-file', tls: { ca: 'CA PEM\n' } });
  });

  it("finds the primary through Sentinel, with the Sentinels' own password", () => {
    const redis = redisOf({
      REDIS_SENTINELS: 'sentinel-1:26379, sentinel-2:26379,sentinel-3:26380',
      REDIS_SENTINEL_NAME: 'intake',
      REDIS_SENTINEL_PASSWORD_FILE: '/run/secrets/sentinel-password',
      REDIS_PASSWORD: 'data-secret',
      REDIS_TLS: 'true',
    });
    expect(redis).toEqual({
      topology: {
        kind: 'sentinel',
        sentinels: [
          { host: 'sentinel-1', port: 26379 },
          { host: 'sentinel-2', port: 26379 },
          { host: 'sentinel-3', port: 26380 },
        ],
        name: 'intake',
        db: 0,
        sentinelUsername: null,
        sentinelPassword: 'sentinel-secret',
      },
      username: null,
      password: 'data-secret',
      tls: { ca: null },
      // Behind Sentinel a replica holds each send record before its email goes out.
      waitReplicas: 1,
    });
  });

  it('takes REDIS_WAIT_REPLICAS over the default, 0 included', () => {
    const sentinel = { REDIS_SENTINELS: 's:26379', REDIS_SENTINEL_NAME: 'intake' };
    expect(redisOf({ ...sentinel, REDIS_WAIT_REPLICAS: '0' }).waitReplicas).toBe(0);
    expect(redisOf({ REDIS_URL: 'redis://r', REDIS_WAIT_REPLICAS: '2' }).waitReplicas).toBe(2);
  });

  it('connects to a Cluster through its seed nodes when KEY_PREFIX is a hash tag', () => {
    const config = loadConfig({ ...mail, REDIS_CLUSTER_NODES: '10.0.0.1:7000,10.0.0.2:7000', KEY_PREFIX: '{intake}' }, false, readFile);
    expect(config.redis.topology).toEqual({
      kind: 'cluster',
      nodes: [
        { host: '10.0.0.1', port: 7000 },
        { host: '10.0.0.2', port: 7000 },
      ],
    });
    expect(config.keyPrefix).toBe('{intake}');
  });

  it.each([
    [{}, 'REDIS_URL is required but not set'],
    [{ REDIS_CLUSTER_NODES: '10.0.0.1:7000' }, 'KEY_PREFIX must be a hash tag on Redis Cluster, such as {intake}'],
    [
      { REDIS_CLUSTER_NODES: '10.0.0.1:7000', KEY_PREFIX: '{intake}', REDIS_SENTINELS: 's:26379', REDIS_SENTINEL_NAME: 'x' },
      'REDIS_SENTINELS and REDIS_CLUSTER_NODES are both set',
    ],
    [{ REDIS_SENTINELS: 's:26379' }, 'REDIS_SENTINEL_NAME is required with REDIS_SENTINELS'],
    [{ REDIS_SENTINELS: 'sentinel-1' }, 'REDIS_SENTINELS must be a comma-separated list of host:port'],
    [{ REDIS_URL: 'redis://r', REDIS_TLS_CA_FILE: '/run/secrets/redis-ca.pem' }, 'REDIS_TLS_CA_FILE is set but the connection is not TLS'],
    [{ REDIS_URL: 'rediss://r', REDIS_TLS_CA_FILE: '/nowhere.pem' }, 'REDIS_TLS_CA_FILE names a file that cannot be read (ENOENT): /nowhere.pem'],
    [{ REDIS_URL: 'redis://r', REDIS_WAIT_REPLICAS: 'one' }, 'REDIS_WAIT_REPLICAS must be a number of replicas from 0 to 9'],
    [
      { REDIS_CLUSTER_NODES: '10.0.0.1:7000', KEY_PREFIX: '{intake}', REDIS_WAIT_REPLICAS: '1' },
      'REDIS_WAIT_REPLICAS is for a primary with replicas, not Redis Cluster',
    ],
    [{ REDIS_URL: 'redis://r', KEY_PREFIX: 'in{ta}ke{x}' }, 'KEY_PREFIX must be 1-40 letters, digits, _ or -, with at most one {hash tag}'],
  ])('refuses %j in one line', (env, message) => {
    const text = errorFor(env as Record<string, string>);
    expect(text).toContain(message);
    expect(text).not.toContain('\n');
  });

  it('never puts a password in an error message', () => {
    expect(errorFor({ REDIS_URL: 'rediss://u:hunter2@r', REDIS_TLS_CA_FILE: '/nowhere.pem' })).not.toContain('hunter2');
  });
});
