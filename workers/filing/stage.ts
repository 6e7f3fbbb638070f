import { defineStage } from '../stage-definition.js';
import { fileEmail } from './handler.js';

export default defineStage('filing', (deps) => ({
  describe: (p) => ({ emailId: p.emailId }),
  handle: (p) => fileEmail(p, deps.filing),
}));
