import { asFormJob } from '../forms-in-hand.js';
import { defineStage } from '../stage-definition.js';
import { giveUpOnEmail, handleIntake } from './handler.js';

export default defineStage('intake', (deps) => ({
  describe: (p) => ({ emailId: p.emailId }),
  handle: (p) => asFormJob(deps, () => handleIntake(p, deps)),
  giveUp: (p, code) => giveUpOnEmail(p.emailId, code, deps),
}));
