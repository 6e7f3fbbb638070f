import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { ThreadPool } from './thread-pool.js';

// Real threads from one-line scripts: each answers `{ doubled }`, and misbehaves as the task asks.
const SCRIPT = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', (task) => {
  if (task.hang) return;
  parentPort.postMessage({ doubled: task.n * 2, threadId: require('node:worker_threads').threadId });
  if (task.failAfterReply) setTimeout(() => { throw new Error('failed while idle'); }, 20);
});`;

const pools: Array<ThreadPool<object, { doubled: number; threadId: number }>> = [];
function newPool(maxThreads = 2, growth: { steadyThreads?: number; growAfterMs?: number } = {}) {
  const pool = new ThreadPool<object, { doubled: number; threadId: number }>(() => new Worker(SCRIPT, { eval: true }), {
    maxThreads,
    maxTasksPerThread: 100,
    ...growth,
  });
  pools.push(pool);
  return pool;
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.stopIdle()));
});

describe('ThreadPool', () => {
  it('answers each task and keeps the thread warm for the next', async () => {
    const pool = newPool();
    const first = await pool.run({ n: 2 }, 5_000);
    const second = await pool.run({ n: 5 }, 5_000);
    expect(first).toMatchObject({ ok: true, reply: { doubled: 4 } });
    expect(second).toMatchObject({ ok: true, reply: { doubled: 10 } });
    expect(first.ok && second.ok && first.reply.threadId === second.reply.threadId).toBe(true);
  });

  it('drops an idle thread that fails, without an uncaught error, and starts a fresh one', async () => {
    const pool = newPool();
    const first = await pool.run({ n: 1, failAfterReply: true }, 5_000);
    await sleep(200); // the thread throws while idle in the pool
    expect(pool.idleThreads).toBe(0);
    const second = await pool.run({ n: 3 }, 5_000);
    expect(second).toMatchObject({ ok: true, reply: { doubled: 6 } });
    expect(first.ok && second.ok && first.reply.threadId !== second.reply.threadId).toBe(true);
  });

  it('times out a task that never answers and does not reuse its thread', async () => {
    const pool = newPool(1);
    expect(await pool.run({ hang: true }, 100)).toMatchObject({ ok: false, reason: 'timeout' });
    expect(pool.idleThreads).toBe(0);
    expect(await pool.run({ n: 4 }, 5_000)).toMatchObject({ ok: true, reply: { doubled: 8 } });
  });

  it('runs no more than maxThreads tasks at once', async () => {
    const pool = newPool(1);
    const answers = await Promise.all([1, 2, 3].map((n) => pool.run({ n }, 5_000)));
    const threads = new Set(answers.map((answer) => (answer.ok ? answer.reply.threadId : -1)));
    expect(threads.size).toBe(1);
  });

  it('runs tasks that finish promptly on its steady threads only', async () => {
    const pool = newPool(2, { steadyThreads: 1, growAfterMs: 60_000 });
    const answers = await Promise.all([1, 2, 3, 4].map((n) => pool.run({ n }, 5_000)));
    expect(answers.map((answer) => answer.ok && answer.reply.doubled)).toEqual([2, 4, 6, 8]);
    expect(pool.threadsStarted).toBe(1);
  });

  it('gives a task held up behind a slow one a further thread, up to maxThreads', async () => {
    const pool = newPool(2, { steadyThreads: 1, growAfterMs: 100 });
    let slowSettled = false;
    const slow = pool.run({ hang: true }, 4_000).finally(() => (slowSettled = true));
    await sleep(50); // the slow task has the steady thread
    const heldUp = await Promise.all([pool.run({ n: 2 }, 5_000), pool.run({ n: 3 }, 5_000)]);
    expect(slowSettled).toBe(false);
    expect(heldUp.map((answer) => answer.ok && answer.reply.doubled)).toEqual([4, 6]);
    expect(pool.threadsStarted).toBe(2);
    expect(await slow).toMatchObject({ ok: false, reason: 'timeout' });
  });
});
