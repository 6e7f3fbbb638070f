import { asFormJob } from '../forms-in-hand.js';
import { defineStage } from '../stage-definition.js';
import { describeSubmission, giveUpOnSubmission } from '../submission-give-up.js';
import { handleSetup } from './handler.js';

// Rate-limited like the platform it sets organisations up on; jobs run by priority (courts about to go live first).
export default defineStage('setup', (deps) => ({
  describe: describeSubmission,
  handle: (p) => asFormJob(deps, () => handleSetup(p, deps)),
  giveUp: (p, code) => giveUpOnSubmission(p.submissionId, code, deps),
  options: { limiter: { max: deps.config.setupRate.max, duration: deps.config.setupRate.windowMs } },
}));
