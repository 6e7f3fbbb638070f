import { describe, expect, it } from 'vitest';
import { runChaos } from '../scripts/chaos/run-chaos.js';

// The short version of `npm run chaos`: fewer emails, every fault at least once, on its own servers.
describe('chaos', () => {
  it('loses no email and sends nothing twice while processes are SIGKILLed and Redis and Dovecot restart', async () => {
    const seed = Date.now() % 1_000_000;
    const result = await runChaos({ emails: 40, appendEveryMs: 300, faultEveryMs: 2_000, settleTimeoutMs: 75_000, seed });
    const kinds = ['SIGKILL watcher', 'SIGKILL worker', 'Redis', 'Dovecot'];
    expect(
      kinds.filter((kind) => !result.faults.some((fault) => fault.includes(kind))),
      `seed ${seed}`,
    ).toEqual([]);
    expect({ lost: result.lost, duplicated: result.duplicated, registry: result.registry }, `seed ${seed}; faults: ${result.faults.join('; ')}`).toEqual({
      lost: [],
      duplicated: [],
      registry: [],
    });
    // Only a reply in flight at a SIGKILL can be unconfirmed: at most one per concurrent job per kill.
    expect(result.uncertain.length).toBeLessThanOrEqual(result.faults.filter((fault) => fault.includes('SIGKILL')).length * 4);
  }, 150_000);
});
