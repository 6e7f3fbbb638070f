import { describe, expect, it } from 'vitest';
import { inLanes } from './lanes.js';

describe('notify lanes', () => {
  it('starts the first item at once and asks before every other item, naming the lane', async () => {
    const asked: number[] = [];
    const done: string[] = [];
    await inLanes(
      ['a', 'b', 'c', 'd', 'e'],
      2,
      async (item) => void done.push(item),
      async (lane) => void asked.push(lane),
    );
    expect(done.sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
    // Five items on two lanes: every item but the first lane's first waited for its lane's turn.
    expect(asked).toHaveLength(4);
    expect(asked.filter((lane) => lane === 1).length).toBeGreaterThanOrEqual(1);
  });

  it('holds the next items while the lane waits, and stops taking items after a failure', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const done: number[] = [];
    const run = inLanes(
      [1, 2, 3],
      1,
      async (item) => void done.push(item),
      () => gate,
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(done).toEqual([1]);
    release();
    await run;
    expect(done).toEqual([1, 2, 3]);

    const started: number[] = [];
    await expect(
      inLanes(
        [1, 2, 3, 4],
        2,
        async (item) => {
          started.push(item);
          if (item === 1) throw new Error('refused');
        },
        async () => undefined,
      ),
    ).rejects.toThrow('refused');
    expect(started).not.toContain(4);
  });
});
