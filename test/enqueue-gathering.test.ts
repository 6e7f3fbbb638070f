import { randomBytes } from 'node:crypto';
import type { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createEnqueue } from '../src/enqueue.js';
import { createQueue, QUEUES, type QueueName } from '../src/queues.js';
import { createRedis, keysFor, type RedisClient } from '../src/redis.js';
import { testEnvironment } from './helpers/environment.js';

const emailId = () => randomBytes(16).toString('hex');

describe('jobs asked for together', () => {
  let redis: RedisClient;
  let queues: Record<QueueName, Queue>;

  beforeAll(() => {
    const { config } = testEnvironment();
    redis = createRedis(config.redis, 'enqueue-test');
    const prefix = keysFor(config.keyPrefix).bullPrefix;
    queues = Object.fromEntries(Object.values(QUEUES).map((name) => [name, createQueue(name, redis, prefix)])) as Record<QueueName, Queue>;
  });

  afterAll(async () => {
    await Promise.all(Object.values(queues).map((queue) => queue.close()));
    await redis.quit();
  });

  it('go to Redis in one addBulk, each under its own id, and a job already there is not added again', async () => {
    const enqueue = createEnqueue(queues);
    const bulk = vi.spyOn(queues.intake, 'addBulk');
    const single = vi.spyOn(queues.intake, 'add');
    const ids = [emailId(), emailId(), emailId()];
    await Promise.all(ids.map((id) => enqueue.intake({ emailId: id })));
    expect(bulk).toHaveBeenCalledTimes(1);
    expect(bulk.mock.calls[0]![0]).toHaveLength(3);
    expect(single).not.toHaveBeenCalled();
    // The second pickup of an email asks for its job again, alongside a new one.
    const next = emailId();
    await Promise.all([enqueue.intake({ emailId: ids[0]! }), enqueue.intake({ emailId: next })]);
    const waiting = await queues.intake.getWaiting();
    expect(waiting.map((job) => job.id).sort()).toEqual([...ids, next].map((id) => `email-${id}`).sort());
    bulk.mockRestore();
    single.mockRestore();
  });

  it('go alone when asked for one at a time, with their own options', async () => {
    const enqueue = createEnqueue(queues);
    const bulk = vi.spyOn(queues.filing, 'addBulk');
    const first = emailId();
    const second = emailId();
    await enqueue.filing({ emailId: first, uidValidity: '7', uid: 3 });
    await enqueue.filing({ emailId: second, uidValidity: '7', uid: 4 });
    expect(bulk).not.toHaveBeenCalled();
    const jobs = await queues.filing.getWaiting();
    expect(jobs.map((job) => job.data)).toEqual(
      expect.arrayContaining([
        { emailId: first, uidValidity: '7', uid: 3 },
        { emailId: second, uidValidity: '7', uid: 4 },
      ]),
    );
    expect(jobs.every((job) => job.opts.attempts !== undefined && job.opts.attempts > 1)).toBe(true);
    bulk.mockRestore();
  });

  it('keep the priority each was given', async () => {
    const enqueue = createEnqueue(queues);
    const ids = [`${emailId()}-1`, `${emailId()}-1`];
    await Promise.all([enqueue.setup({ submissionId: ids[0]! }, { priority: 5 }), enqueue.setup({ submissionId: ids[1]! }, { priority: 2 })]);
    const prioritized = await queues.setup.getPrioritized();
    expect(Object.fromEntries(prioritized.map((job) => [job.data.submissionId, job.opts.priority]))).toEqual({ [ids[0]!]: 5, [ids[1]!]: 2 });
  });
});
