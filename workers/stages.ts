import type { Worker } from 'bullmq';
import { completeEmailIfDone } from '../src/emails/email-outcome.js';
import type { IntakeErrorCode } from '../src/errors.js';
import type { StagesRunIn } from '../src/queues.js';
import { handleStaffReply } from './reply/handler.js';
import { handleActivationSweep } from './activation-sweep/handler.js';
import { giveUpOnEmail, handleIntake } from './intake/handler.js';
import { handleNotify } from './notify/handler.js';
import { FormsInHand } from './forms-in-hand.js';
import type { PipelineDeps } from './pipeline.js';
import { handleSetup } from './setup/handler.js';
import { startStageWorkers as startInShell, type ShellOptions, type StageHandlers } from './shell.js';
import { handleValidate } from './validate/handler.js';

/** A form whose check or set-up kept failing goes to staff, and its email follows once all forms are done. */
async function giveUpOnSubmission(submissionId: string, code: IntakeErrorCode, deps: PipelineDeps): Promise<void> {
  const submission = await deps.submissions.get(submissionId);
  if (!submission || ['rejected', 'review', 'accepted'].includes(submission.state)) return;
  const reason = `could not be handled automatically: ${code}`;
  await deps.submissions.update(submissionId, { state: 'review', reason }, { event: 'review', detail: reason });
  await completeEmailIfDone(submission.emailId, deps);
}

/** The handler of every stage the worker role runs: intake → validate → setup (rate-limited, by priority) → notify. */
function workerStages(deps: PipelineDeps): StageHandlers<StagesRunIn<'worker'>> {
  const forms = deps.formsInHand ?? new FormsInHand();
  const submission = (payload: { submissionId: string }) => ({ submissionId: payload.submissionId });
  return {
    intake: {
      describe: (p) => ({ emailId: p.emailId }),
      handle: (p) => forms.during(() => handleIntake(p, deps)),
      giveUp: (p, code) => giveUpOnEmail(p.emailId, code, deps),
    },
    validate: {
      describe: submission,
      handle: (p) => forms.during(() => handleValidate(p, deps)),
      giveUp: (p, code) => giveUpOnSubmission(p.submissionId, code, deps),
    },
    setup: {
      describe: submission,
      handle: (p) => forms.during(() => handleSetup(p, deps)),
      giveUp: (p, code) => giveUpOnSubmission(p.submissionId, code, deps),
      options: { limiter: { max: deps.config.setupRate.max, duration: deps.config.setupRate.windowMs } },
    },
    notify: {
      describe: (p) => ({
        submissionId: p.submissionId,
        kind: p.kind,
        ...(p.userIds ? { users: String(p.userIds.length), batch: String(p.batch) } : { userId: p.userId ?? '' }),
      }),
      handle: (p) => handleNotify(p, deps),
      // One notify job at a time per process; a batch sends a few emails at once, but only one while form jobs run
      // (FormsInHand): in a burst, acknowledgements and set-up come first and the many more activation emails follow.
      options: { concurrency: 1 },
    },
    reply: {
      describe: (p) => ({ submissionId: p.submissionId, kind: p.kind }),
      handle: (p) => handleStaffReply(p, deps),
    },
    housekeeping: {
      describe: (p) => ({ task: p.task }),
      handle: () => handleActivationSweep(deps),
      options: { concurrency: 1 },
    },
  };
}

/** Starts a worker for every stage of the worker role. */
export function startStageWorkers(deps: PipelineDeps, options: Omit<ShellOptions, 'limiter'>): Worker[] {
  return startInShell(workerStages(deps), options);
}
