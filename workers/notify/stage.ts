import { defineStage } from '../stage-definition.js';
import { handleNotify } from './handler.js';

export default defineStage('notify', (deps) => ({
  describe: (p) => ({
    submissionId: p.submissionId,
    kind: p.kind,
    ...(p.userIds ? { users: String(p.userIds.length), batch: String(p.batch) } : { userId: p.userId ?? '' }),
  }),
  handle: (p) => handleNotify(p, deps),
  // One notify job at a time per process; a batch sends a few emails at once, but only one while form jobs run
  // (FormsInHand): in a burst, acknowledgements and set-up come first and the many more activation emails follow.
  options: { concurrency: 1 },
}));
