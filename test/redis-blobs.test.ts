import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { readBlob } from '../src/redis-blobs.js';
import { testEnvironment } from './helpers/environment.js';
import { createRedis } from '../src/redis.js';

describe('readBlob', () => {
  const environment = testEnvironment();
  const redis = createRedis(environment.config.redis, 'test');
  const key = (name: string) => `${environment.config.keyPrefix}:blob:${name}`;
  afterAll(() => redis.disconnect());

  it('reads a blob of several pieces back byte for byte', async () => {
    const blob = randomBytes(3 * 1024 * 1024 + 17);
    await redis.set(key('large'), blob);
    expect((await readBlob(redis, key('large')))?.equals(blob)).toBe(true);
  });

  it('reads a small blob, an empty one, and none', async () => {
    await redis.set(key('small'), Buffer.from('form'));
    await redis.set(key('empty'), Buffer.alloc(0));
    expect((await readBlob(redis, key('small')))?.toString()).toBe('form');
    expect((await readBlob(redis, key('empty')))?.length).toBe(0);
    expect(await readBlob(redis, key('missing'))).toBeNull();
  });
});
