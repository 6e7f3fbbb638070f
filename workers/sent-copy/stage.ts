import { defineStage } from '../stage-definition.js';
import { copyToSent } from './handler.js';

export default defineStage('sent-copy', (deps) => ({
  describe: (p) => ({ copyId: p.copyId }),
  handle: (p) => copyToSent(p, deps.sentCopy),
}));
