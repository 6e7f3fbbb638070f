import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { IntakeError } from '../../src/errors.js';
import { handleIntake } from '../../workers/intake/handler.js';
import { composeEmail } from '../helpers/compose-email.js';
import { firmForm } from '../helpers/forms.js';
import { createStageRig } from './stage-deps.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
let serial = 0;
const uniqueMessageId = () => `<intake-${Date.now()}-${(serial += 1)}@smith-law.example>`;

describe('intake stage', () => {
  const rig = createStageRig();
  afterAll(() => rig.close());

  it('turns each attached form into a submission queued for checking, once however often it runs', async () => {
    const raw = await composeEmail({
      messageId: uniqueMessageId(),
      attachments: [
        { filename: 'first.xlsx', content: await firmForm(711, 'Southwark Crown Court'), contentType: XLSX },
        { filename: 'second.xlsx', content: await firmForm(712, 'Leeds Crown Court'), contentType: XLSX },
      ],
    });
    const emailId = await rig.pickUp(raw);

    expect(await handleIntake({ emailId }, rig.deps)).toEqual({ outcome: 'in-progress', reason: 'forms queued for checking' });
    expect(await handleIntake({ emailId }, rig.deps)).toEqual({ outcome: 'in-progress', reason: 'forms queued for checking' });

    const submissions = await rig.stores.submissions.forEmail(emailId);
    expect(submissions.map((s) => [s.submissionId, s.index, s.filename, s.state])).toEqual([
      [`${emailId}-1`, 1, 'first.xlsx', 'received'],
      [`${emailId}-2`, 2, 'second.xlsx', 'received'],
    ]);
    expect(submissions[1]?.reference).toBe(`${submissions[0]?.reference}-2`);
    expect((await rig.stores.emails.get(emailId))?.state).toBe('in-progress');
    const validate = await rig.jobs('validate');
    expect(validate.map((job) => job.id).sort()).toEqual([`validate-${emailId}-1`, `validate-${emailId}-2`]);
    expect(validate.map((job) => job.data)).toContainEqual({ submissionId: `${emailId}-1` });
    expect(await rig.jobs('filing')).toEqual([]);
    expect(rig.given).toEqual([]);
  });

  it('answers an email without a form with the form links, once, and files it as processed', async () => {
    const messageId = uniqueMessageId();
    const emailId = await rig.pickUp(await composeEmail({ messageId, from: 'clerk@links.example', text: 'Please register us.' }), { uid: 7 });

    expect(await handleIntake({ emailId }, rig.deps)).toEqual({ outcome: 'processed', reason: 'replied: no form attached', replyKind: 'no-form' });
    expect(rig.sent).toHaveLength(1);
    expect(rig.sent[0]).toMatchObject({ to: 'clerk@links.example', kind: 'no-form', emailId, inReplyTo: messageId, autoReply: true });
    const record = await rig.stores.emails.get(emailId);
    expect(record).toMatchObject({ state: 'replied', outcome: 'processed', replyKind: 'no-form', outcomeFolder: rig.env.config.imap.folders.processed });

    // A retry after the decision only makes sure the filing is queued: no second reply, no second filing job.
    expect(await handleIntake({ emailId }, rig.deps)).toMatchObject({ outcome: 'processed' });
    expect(rig.given).toHaveLength(1);
    const filing = (await rig.jobs('filing')).filter((job) => job.data.emailId === emailId);
    expect(filing.map((job) => job.data)).toEqual([{ emailId, uidValidity: '1', uid: 7 }]);
  });

  it('sends an email whose reply the server refused for good to review, and one refused for now back to the queue', async () => {
    const refused = await rig.pickUp(await composeEmail({ messageId: uniqueMessageId(), from: 'gone@refused.example', text: 'Hello there.' }));
    const sentBefore = rig.sent.length;
    rig.failSends(new IntakeError('SMTP_PERMANENT', 'The mail server did not accept the reply (550)'));
    try {
      const result = await handleIntake({ emailId: refused }, rig.deps);
      expect(result).toEqual({ outcome: 'review', reason: 'reply not confirmed: The mail server did not accept the reply (550)', replyKind: 'no-form' });
      expect((await rig.stores.emails.get(refused))?.outcome).toBe('review');

      const later = await rig.pickUp(await composeEmail({ messageId: uniqueMessageId(), from: 'busy@later.example', text: 'Hello again.' }));
      rig.failSends(new IntakeError('SMTP_TEMPORARY', 'The mail server did not accept the reply (451)'));
      await expect(handleIntake({ emailId: later }, rig.deps)).rejects.toMatchObject({ code: 'SMTP_TEMPORARY' });
      expect((await rig.stores.emails.get(later))?.state).toBe('queued');
      expect(rig.sent).toHaveLength(sentBefore);

      rig.failSends(null);
      expect(await handleIntake({ emailId: later }, rig.deps)).toMatchObject({ outcome: 'processed' });
      expect(rig.sent.slice(sentBefore).map((email) => email.to)).toEqual(['busy@later.example']);
    } finally {
      rig.failSends(null);
    }
  });

  it('sends automatic replies to review unanswered', async () => {
    const emailId = await rig.pickUp(readFileSync(new URL('../fixtures/mail/vacation-icloud.eml', import.meta.url)));
    const result = await handleIntake({ emailId }, rig.deps);
    expect(result.outcome).toBe('review');
    expect(result.reason).toMatch(/^no reply sent: /);
    expect(rig.given.filter((email) => email.emailId === emailId)).toEqual([]);
  });

  it('rejects a job for an email it has no record of', async () => {
    await expect(handleIntake({ emailId: 'f'.repeat(32) }, rig.deps)).rejects.toMatchObject({ code: 'MISSING_RECORD', retryable: false });
  });
});
