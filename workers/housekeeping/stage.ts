import { defineStage } from '../stage-definition.js';
import { handleActivationSweep } from './handler.js';

// Its one task so far is the activation sweep (reminders on day 21, expiry on day 28), queued by a job scheduler.
export default defineStage('housekeeping', (deps) => ({
  describe: (p) => ({ task: p.task }),
  handle: () => handleActivationSweep(deps),
  options: { concurrency: 1 },
}));
