import { afterAll, describe, expect, it } from 'vitest';
import { IntakeError } from '../../src/errors.js';
import { handleStaffReply } from '../../workers/reply/handler.js';
import { firmForm } from '../helpers/forms.js';
import { receivedForm } from './seed.js';
import { createStageRig } from './stage-deps.js';

const NOTE = 'We already hold an account for this firm under another SRA number.';

describe('reply stage (staff rejection)', () => {
  const rig = createStageRig();
  afterAll(() => rig.close());

  /** A form staff rejected with a note, as the dashboard leaves it before queuing the reply. */
  async function staffRejected(n: number, from: string) {
    const seeded = await receivedForm(rig, { content: await firmForm(n, 'Southwark Crown Court') }, from);
    await rig.stores.submissions.update(seeded.submissionId, { state: 'rejected', reason: NOTE });
    return seeded;
  }

  it("sends the firm staff's note once, threaded under its email", async () => {
    const { emailId, submissionId } = await staffRejected(731, 'clerk@noted.example');
    const record = await rig.stores.emails.get(emailId);

    expect(await handleStaffReply({ kind: 'staff-rejection', submissionId }, rig.deps)).toBe('sent');
    expect(await handleStaffReply({ kind: 'staff-rejection', submissionId }, rig.deps)).toBe('sent');

    const mine = rig.sent.filter((email) => email.emailId === emailId);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ kind: 'staff-rejection', to: 'clerk@noted.example', inReplyTo: record?.messageId, from: rig.env.config.onboardingAddress });
    expect(mine[0]?.text).toContain(NOTE);
    const events = (await rig.stores.submissions.timeline(submissionId)).map((event) => event.event);
    expect(events).toContain('staff-rejection-sent');
    expect((await rig.stores.submissions.get(submissionId))?.attention).toEqual([]);
  });

  it('flags the form for staff when the server refuses the reply for good or the send was cut short', async () => {
    const refused = await staffRejected(732, 'gone@refused.example');
    rig.failSends(new IntakeError('SMTP_PERMANENT', 'The mail server did not accept the reply (550)'));
    try {
      expect(await handleStaffReply({ kind: 'staff-rejection', submissionId: refused.submissionId }, rig.deps)).toBe('uncertain');
    } finally {
      rig.failSends(null);
    }
    expect((await rig.stores.submissions.get(refused.submissionId))?.attention).toEqual([
      "the firm's mail server refused our rejection: The mail server did not accept the reply (550)",
    ]);

    const cut = await staffRejected(733, 'clerk@cut.example');
    await rig.cutSendShort({ emailId: cut.emailId, kind: 'staff-rejection', to: 'clerk@cut.example' });
    expect(await handleStaffReply({ kind: 'staff-rejection', submissionId: cut.submissionId }, rig.deps)).toBe('uncertain');
    expect((await rig.stores.submissions.get(cut.submissionId))?.attention).toEqual(['our rejection may not have reached the firm: sending it was cut short']);

    expect(rig.sent.filter((email) => [refused.emailId, cut.emailId].includes(email.emailId))).toEqual([]);
  });

  it('leaves a reply refused for now to its retry, which then sends it once', async () => {
    const { emailId, submissionId } = await staffRejected(734, 'clerk@busy.example');
    rig.failSends(new IntakeError('SMTP_TEMPORARY', 'The mail server did not accept the reply (451)'));
    try {
      await expect(handleStaffReply({ kind: 'staff-rejection', submissionId }, rig.deps)).rejects.toMatchObject({ code: 'SMTP_TEMPORARY' });
    } finally {
      rig.failSends(null);
    }
    expect((await rig.stores.submissions.get(submissionId))?.attention).toEqual([]);
    expect(await handleStaffReply({ kind: 'staff-rejection', submissionId }, rig.deps)).toBe('sent');
    expect(rig.sent.filter((email) => email.emailId === emailId).map((email) => email.kind)).toEqual(['staff-rejection']);
  });

  it('rejects a job for a submission it has no record of', async () => {
    await expect(handleStaffReply({ kind: 'staff-rejection', submissionId: `${'d'.repeat(32)}-1` }, rig.deps)).rejects.toMatchObject({
      code: 'MISSING_RECORD',
      retryable: false,
    });
  });
});
