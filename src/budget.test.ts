import { describe, expect, it } from 'vitest';
import { Budget } from './budget.js';

/** Work that records when it ran and finishes when the test says so. */
function held(log: string[], name: string) {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return {
    work: async () => {
      log.push(`start ${name}`);
      await done;
      log.push(`end ${name}`);
    },
    finish,
  };
}
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('Budget', () => {
  it('runs small items together while they fit', async () => {
    const budget = new Budget(100);
    const log: string[] = [];
    const a = held(log, 'a');
    const b = held(log, 'b');
    const running = [budget.use(40, a.work), budget.use(40, b.work)];
    await tick();
    expect(log).toEqual(['start a', 'start b']);
    expect(budget.inUse).toBe(80);
    a.finish();
    b.finish();
    await Promise.all(running);
    expect(budget.inUse).toBe(0);
  });

  it('holds an item that does not fit until enough is released, and keeps arrival order', async () => {
    const budget = new Budget(100);
    const log: string[] = [];
    const a = held(log, 'a');
    const big = held(log, 'big');
    const small = held(log, 'small');
    const running = [budget.use(60, a.work), budget.use(90, big.work), budget.use(10, small.work)];
    await tick();
    expect(log).toEqual(['start a']); // small would fit, but waits behind big
    a.finish();
    await tick();
    await tick();
    expect(log).toEqual(['start a', 'end a', 'start big', 'start small']);
    big.finish();
    small.finish();
    await Promise.all(running);
  });

  it('runs an item larger than the whole budget alone', async () => {
    const budget = new Budget(100);
    const log: string[] = [];
    const huge = held(log, 'huge');
    const other = held(log, 'other');
    const running = [budget.use(500, huge.work), budget.use(1, other.work)];
    await tick();
    expect(log).toEqual(['start huge']);
    huge.finish();
    await tick();
    await tick();
    expect(log).toContain('start other');
    other.finish();
    await Promise.all(running);
  });

  it('runs an item of unknown size alone instead of blocking the queue', async () => {
    const budget = new Budget(100);
    const log: string[] = [];
    const unknown = held(log, 'unknown');
    const next = held(log, 'next');
    const running = [budget.use(Number.NaN, unknown.work), budget.use(10, next.work)];
    await tick();
    expect(log).toEqual(['start unknown']);
    unknown.finish();
    await tick();
    await tick();
    expect(log).toContain('start next');
    next.finish();
    await Promise.all(running);
    expect(budget.inUse).toBe(0);
  });

  it('releases its share when the work fails', async () => {
    const budget = new Budget(100);
    await expect(
      budget.use(70, async () => {
        throw new Error('unreadable');
      }),
    ).rejects.toThrow('unreadable');
    expect(budget.inUse).toBe(0);
  });
});
