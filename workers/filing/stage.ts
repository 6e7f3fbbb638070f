import { defineStage } from '../stage-definition.js';
import { fileEmail } from './handler.js';

// Several filings at once: their Redis reads and writes and BullMQ's own round trips overlap, and the emails they move
// while the mailbox lock is busy go in one MOVE (move-batch.ts). One at a time, filing fell seconds behind the
// decisions of a burst; four at a time, it moved one email per command.
const FILINGS_AT_ONCE = 16;

export default defineStage('filing', (deps) => ({
  describe: (p) => ({ emailId: p.emailId }),
  handle: (p) => fileEmail(p, deps.filing),
  options: { concurrency: FILINGS_AT_ONCE },
}));
