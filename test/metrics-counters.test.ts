import { afterAll, describe, expect, it } from 'vitest';
import { MetricsCounters } from '../src/metrics/counters.js';
import { createRedis, keysFor } from '../src/redis.js';
import { testEnvironment, waitFor } from './helpers/environment.js';

describe('service-wide counters', () => {
  const environment = testEnvironment();
  const keys = keysFor(environment.config.keyPrefix);
  const redis = createRedis(environment.config.redis, 'test');
  afterAll(() => redis.quit());
  const stored = async () => redis.hgetall(keys.metrics);

  it('gathers a moment of counting into one write, whole numbers and sums of seconds alike', async () => {
    const counters = new MetricsCounters(redis, keys, 200);
    await counters.jobFinished('validate', 0.25, 'completed');
    await counters.jobFinished('validate', 1, 'completed');
    await counters.emailSent('acknowledgement-1');
    expect(await stored()).toEqual({});
    await waitFor(async () => Object.keys(await stored()).length === 4, 'the counts to be written', 5_000);
    expect(await stored()).toEqual({
      'jobs|queue=validate|result=completed': '2',
      'job_seconds_count|queue=validate': '2',
      'job_seconds_sum|queue=validate': '1.25',
      'emails_sent|kind=acknowledgement': '1',
    });
    // A sum of seconds that comes to a whole number stays a sum: HINCRBY would refuse the field.
    await counters.jobFinished('validate', 0.75, 'completed');
    await counters.flush();
    expect((await stored())['job_seconds_sum|queue=validate']).toBe('2');
  });

  it("reads this process's pending counts with everyone's, and writes what is left when flushed at shutdown", async () => {
    const web = new MetricsCounters(redis, keys, 60_000);
    const worker = new MetricsCounters(redis, keys, 60_000);
    await web.activated();
    await worker.authFailure('smtp', 'sender:no-reply');
    const read = await web.read();
    expect(read.find((counter) => counter.name === 'activations')?.value).toBe(1);
    expect(read.find((counter) => counter.name === 'auth_failures')).toBeUndefined();
    await worker.flush();
    expect((await web.read()).find((counter) => counter.name === 'auth_failures')?.labels).toEqual({ stage: 'smtp', connection: 'sender:no-reply' });
  });
});
