import { defineStage } from '../stage-definition.js';
import { fileEmail } from './handler.js';

// Several filings at once: each holds the mailbox lock only for its SEARCH and MOVE, so the IMAP commands still go
// one at a time, while the Redis reads and writes and BullMQ's own round trips of the others overlap them. One at a
// time, filing fell seconds behind the decisions of a burst.
const FILINGS_AT_ONCE = 4;

export default defineStage('filing', (deps) => ({
  describe: (p) => ({ emailId: p.emailId }),
  handle: (p) => fileEmail(p, deps.filing),
  options: { concurrency: FILINGS_AT_ONCE },
}));
