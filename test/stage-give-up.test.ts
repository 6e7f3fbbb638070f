import type { Worker } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.js';
import { reasonWords } from '../src/staff/plain-words.js';
import { startRoleStages } from '../workers/stages.js';
import { composeEmail } from './helpers/compose-email.js';
import { waitFor } from './helpers/environment.js';
import { createStageRig } from './stages/stage-deps.js';

/** The worker role's real stages in the shell: a job that fails for good leaves its code where staff read it in words. */
describe('a stage that gives up', () => {
  const rig = createStageRig();
  let workers: Worker[] = [];
  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.close()));
    await rig.close();
  });

  it('fails a check at once when its email lost what it needs, and holds the form for review with the reason in words', async () => {
    // Picked up but never read: the email has no envelope to reply to.
    const emailId = await rig.pickUp(await composeEmail({ messageId: `<give-up-${Date.now()}@smith-law.example>` }));
    const submissionId = `${emailId}-1`;
    const submission = { submissionId, emailId, index: 1, reference: 'CP-GIVEUP', filename: 'form.xlsx', kind: 'xlsx', origin: 'attachment' } as const;
    await rig.stores.submissions.create({ ...submission, previousSubmissionId: null }, Buffer.from('a form'));
    await rig.deps.enqueue.validate({ submissionId });

    const logger = createLogger({ level: 'silent', pretty: false });
    workers = await startRoleStages('worker', rig.deps, { ...rig.queueConnection, concurrency: 1, logger });

    const held = await waitFor(
      async () => {
        const found = await rig.stores.submissions.get(submissionId);
        return found?.state === 'review' ? found : null;
      },
      'the form to be held for review',
      30_000,
    );
    expect(held.reason).toBe('could not be handled automatically: INCOMPLETE_RECORD');
    expect(reasonWords(held.reason)).toBe('Could not be handled automatically: what the job was about is missing some of its parts');
    const [job] = (await rig.jobs('validate')).filter((j) => j.data.submissionId === submissionId);
    expect(job?.attemptsMade).toBe(1);
    expect(job?.failedReason).toBe(`INCOMPLETE_RECORD: Submission ${submissionId} has lost its email or file`);
  });
});
