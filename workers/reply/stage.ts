import { defineStage } from '../stage-definition.js';
import { handleStaffReply } from './handler.js';

export default defineStage('reply', (deps) => ({
  describe: (p) => ({ submissionId: p.submissionId, kind: p.kind }),
  handle: (p) => handleStaffReply(p, deps),
}));
