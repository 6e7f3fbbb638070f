import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { IntakeError } from '../../src/errors.js';
import { handleValidate } from '../../workers/validate/handler.js';
import { firmForm } from '../helpers/forms.js';
import { receivedForm } from './seed.js';
import { createStageRig } from './stage-deps.js';

const manyProblems = () => readFileSync(new URL('../fixtures/forms/many-problems.xlsx', import.meta.url));

describe('validate stage', () => {
  const rig = createStageRig();
  afterAll(() => rig.close());

  it('acknowledges a valid form once and queues its set-up once, at its priority', async () => {
    const { emailId, submissionId } = await receivedForm(rig, { content: await firmForm(721, 'Southwark Crown Court') }, 'clerk@valid.example');

    expect(await handleValidate({ submissionId }, rig.deps)).toBe('queued-for-setup');
    expect(await handleValidate({ submissionId }, rig.deps)).toBe('queued-for-setup');

    const mine = rig.sent.filter((email) => email.emailId === emailId);
    expect(mine.map((email) => [email.kind, email.to])).toEqual([['acknowledgement', 'clerk@valid.example']]);
    const submission = await rig.stores.submissions.get(submissionId);
    expect(submission?.state).toBe('queued-for-setup');
    expect(submission?.registration?.organisation.name).toBe('Firm 721 Solicitors');
    expect(submission?.attention).toEqual([]);
    expect(submission?.priority?.value).toBeGreaterThanOrEqual(1);
    const setup = (await rig.jobs('setup')).filter((job) => job.data.submissionId === submissionId);
    expect(setup.map((job) => [job.id, job.opts.priority])).toEqual([[`setup-${submissionId}`, submission?.priority?.value]]);
    // The email waits for its form's set-up before it is decided and filed.
    expect((await rig.stores.emails.get(emailId))?.state).toBe('in-progress');
  });

  it('rejects an invalid form with one reply carrying the marked-up file, and decides the email', async () => {
    const { emailId, submissionId } = await receivedForm(rig, { content: manyProblems(), filename: 'our form.xlsx' }, 'clerk@invalid.example');

    expect(await handleValidate({ submissionId }, rig.deps)).toBe('rejected');
    expect(await handleValidate({ submissionId }, rig.deps)).toBe('already-done');

    const mine = rig.given.filter((email) => email.emailId === emailId);
    expect(mine.map((email) => [email.kind, email.to])).toEqual([['rejection', 'clerk@invalid.example']]);
    expect(mine[0]?.attachments).toHaveLength(1);
    expect(mine[0]?.text).toContain((await rig.stores.submissions.get(submissionId))?.reference);
    const submission = await rig.stores.submissions.get(submissionId);
    expect(submission?.state).toBe('rejected');
    expect(submission?.findings?.some((finding) => finding.severity === 'error')).toBe(true);
    expect(await rig.jobs('setup')).not.toContainEqual(expect.objectContaining({ id: `setup-${submissionId}` }));
    expect(await rig.stores.emails.get(emailId)).toMatchObject({ state: 'replied', outcome: 'rejected' });
    const filing = (await rig.jobs('filing')).filter((job) => job.data.emailId === emailId);
    expect(filing).toHaveLength(1);
  });

  it('sends a form whose rejection the server refused for good to review, and flags a refused acknowledgement', async () => {
    const invalid = await receivedForm(rig, { content: manyProblems() }, 'nobody@refused.example');
    const valid = await receivedForm(rig, { content: await firmForm(722, 'Leeds Crown Court') }, 'nobody@refused-too.example');
    rig.failSends(new IntakeError('SMTP_PERMANENT', 'The mail server did not accept the reply (550)'));
    try {
      expect(await handleValidate({ submissionId: invalid.submissionId }, rig.deps)).toBe('review');
      expect(await rig.stores.submissions.get(invalid.submissionId)).toMatchObject({
        state: 'review',
        reason: 'reply not confirmed: The mail server did not accept the reply (550)',
      });
      expect((await rig.stores.emails.get(invalid.emailId))?.outcome).toBe('review');

      // The firm's form is valid: set-up goes ahead, and staff see that the acknowledgement may not have arrived.
      expect(await handleValidate({ submissionId: valid.submissionId }, rig.deps)).toBe('queued-for-setup');
      expect((await rig.stores.submissions.get(valid.submissionId))?.attention).toEqual([
        'acknowledgement reply not confirmed: The mail server did not accept the reply (550)',
      ]);
      expect((await rig.jobs('setup')).map((job) => job.id)).toContain(`setup-${valid.submissionId}`);
    } finally {
      rig.failSends(null);
    }
    expect(rig.sent.filter((email) => [invalid.emailId, valid.emailId].includes(email.emailId))).toEqual([]);
  });

  it('leaves a form whose reply was refused for now to be checked again, then replies once', async () => {
    const { emailId, submissionId } = await receivedForm(rig, { content: manyProblems() }, 'clerk@busy.example');
    rig.failSends(new IntakeError('SMTP_TEMPORARY', 'The mail server did not accept the reply (451)'));
    try {
      await expect(handleValidate({ submissionId }, rig.deps)).rejects.toMatchObject({ code: 'SMTP_TEMPORARY' });
    } finally {
      rig.failSends(null);
    }
    expect((await rig.stores.submissions.get(submissionId))?.state).toBe('received');
    expect(await handleValidate({ submissionId }, rig.deps)).toBe('rejected');
    expect(rig.sent.filter((email) => email.emailId === emailId).map((email) => email.kind)).toEqual(['rejection']);
  });

  it('rejects a job for a submission it has no record of', async () => {
    await expect(handleValidate({ submissionId: `${'e'.repeat(32)}-1` }, rig.deps)).rejects.toMatchObject({ code: 'MISSING_RECORD', retryable: false });
  });
});
