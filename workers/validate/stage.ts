import { asFormJob } from '../forms-in-hand.js';
import { defineStage } from '../stage-definition.js';
import { describeSubmission, giveUpOnSubmission } from '../submission-give-up.js';
import { handleValidate } from './handler.js';

export default defineStage('validate', (deps) => ({
  describe: describeSubmission,
  handle: (p) => asFormJob(deps, () => handleValidate(p, deps)),
  giveUp: (p, code) => giveUpOnSubmission(p.submissionId, code, deps),
}));
