import { describe, expect, it } from 'vitest';
import { CATALOGUE, type Stage } from '../src/queues.js';
import { loadStage, stagesOf } from './stages.js';

describe('stage folders', () => {
  it('finds a handler for every stage of the catalogue in its own folder, each declared for that stage', async () => {
    const stages = Object.keys(CATALOGUE) as Stage[];
    const found = await Promise.all(stages.map(async (stage) => (await loadStage(stage)).stage));
    expect(found).toEqual(stages);
    expect([...stagesOf('worker'), ...stagesOf('watcher')].sort()).toEqual([...stages].sort());
    expect(stagesOf('watcher').sort()).toEqual(['filing', 'sent-copy']);
  });

  it('stops a role at start-up when a stage has no folder', async () => {
    await expect(loadStage('no-such-stage' as Stage)).rejects.toThrow();
  });
});
