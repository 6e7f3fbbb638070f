import { afterAll, describe, expect, it } from 'vitest';
import { IntakeError } from '../../src/errors.js';
import type { NotifyJob } from '../../src/queues.js';
import { keysFor } from '../../src/redis.js';
import { viewActivation } from '../../src/registry/activation-flow.js';
import { handleNotify } from '../../workers/notify/handler.js';
import { firmForm } from '../helpers/forms.js';
import { activationToken, setUpForm } from './seed.js';
import { createStageRig } from './stage-deps.js';

describe('notify stage', () => {
  const rig = createStageRig();
  afterAll(() => rig.close());
  const { config } = rig.env;

  /** A firm set up with one user, and the job that sends that user's activation email. */
  async function invitedUser(n: number) {
    const { emailId, submissionId } = await setUpForm(rig, await firmForm(n, 'Southwark Crown Court'));
    const address = `user0@firm${n}.example.co.uk`;
    const user = await rig.stores.registry.findUserByEmail(address);
    if (!user) throw new Error('the user was not set up');
    const job: NotifyJob = { kind: 'activation', userId: user.id, submissionId, round: 'first' };
    return { emailId, submissionId, address, user, job };
  }
  const sentTo = (address: string) => rig.sent.filter((email) => email.to === address);

  it('sends a user one activation email with a working link, and nothing more when it runs again', async () => {
    const { address, user, job, submissionId } = await invitedUser(751);

    expect(await handleNotify(job, rig.deps)).toBe('sent');
    expect(await handleNotify(job, rig.deps)).toBe('already-sent');

    const emails = sentTo(address);
    expect(emails.map((email) => [email.kind, email.from])).toEqual([['activation', config.activationFrom]]);
    expect(await viewActivation(activationToken(rig, emails[0]!), rig.stores)).toMatchObject({
      status: 'ready',
      firstName: user.firstName,
      organisationName: 'Firm 751 Solicitors',
    });
    expect((await rig.stores.registry.getUser(user.id))?.activationState).toBe('invited');
    expect((await rig.stores.submissions.timeline(submissionId)).filter((event) => event.event === 'activation-sent')).toHaveLength(1);
  });

  it('sends the day-21 reminder once while the link is still valid', async () => {
    const { address, job } = await invitedUser(752);
    await handleNotify(job, rig.deps);
    const reminder: NotifyJob = { ...job, kind: 'activation-reminder', round: 'r1' };

    expect(await handleNotify(reminder, rig.deps)).toBe('sent');
    expect(await handleNotify(reminder, rig.deps)).toBe('already-sent');
    expect(sentTo(address).map((email) => email.kind)).toEqual(['activation', 'activation-reminder-r1']);
  });

  it('sends nothing to a user who has activated their account', async () => {
    const { address, user, job } = await invitedUser(753);
    await rig.stores.registry.setActivationState(user.id, 'activated');
    expect(await handleNotify(job, rig.deps)).toBe('not-needed');
    expect(rig.given.filter((email) => email.to === address)).toEqual([]);
  });

  it('never repeats a send that was cut short after the server took the email, and flags it for staff', async () => {
    const { emailId, address, user, job, submissionId } = await invitedUser(754);
    await rig.cutSendShort({ emailId, kind: 'activation', to: address });

    expect(await handleNotify(job, rig.deps)).toBe('uncertain');
    expect(await handleNotify(job, rig.deps)).toBe('uncertain');
    expect(rig.given.filter((email) => email.to === address)).toEqual([]);
    const attention = (await rig.stores.submissions.get(submissionId))?.attention ?? [];
    expect(attention).toContain(`the activation email to user ${user.id} may not have gone out: sending it was cut short; re-send it or confirm it arrived`);
    expect((await rig.stores.registry.getUser(user.id))?.activationState).toBe('not-invited');
  });

  it('leaves a user uninvited when the server refuses the email, so the retry sends it once', async () => {
    const { address, user, job } = await invitedUser(755);
    rig.failSends(new IntakeError('SMTP_PERMANENT', 'The mail server did not accept the reply (550)'));
    try {
      await expect(handleNotify(job, rig.deps)).rejects.toMatchObject({ code: 'SMTP_PERMANENT' });
    } finally {
      rig.failSends(null);
    }
    expect((await rig.stores.registry.getUser(user.id))?.activationState).toBe('not-invited');
    expect(await handleNotify(job, rig.deps)).toBe('sent');
    expect(sentTo(address).map((email) => email.kind)).toEqual(['activation']);
  });

  it('fails a batch at once on a damaged organisation record, rather than calling it a refused address', async () => {
    const { submissionId, user, address } = await invitedUser(757);
    const organisationKey = keysFor(config.keyPrefix).registry('org', user.organisationId);
    await rig.queueConnection.connection.hset(organisationKey, 'data', '{"name": 757');
    const batch: NotifyJob = { kind: 'activation', userIds: [user.id], batch: 0, submissionId, round: 'first' };

    await expect(handleNotify(batch, rig.deps)).rejects.toMatchObject({ code: 'CORRUPT_RECORD', retryable: false });
    expect((await rig.stores.submissions.timeline(submissionId)).map((event) => event.event)).not.toContain('activation-refused');
    expect(sentTo(address)).toEqual([]);
  });

  it('fails for good on a user or submission it has no record of', async () => {
    const { job } = await invitedUser(756);
    await expect(handleNotify({ ...job, userId: 'no-such-user' }, rig.deps)).rejects.toMatchObject({ code: 'MISSING_RECORD', retryable: false });
    await expect(handleNotify({ ...job, submissionId: `${'9'.repeat(32)}-1` }, rig.deps)).rejects.toMatchObject({ code: 'MISSING_RECORD' });
  });
});
