import { afterAll, describe, expect, it } from 'vitest';
import { handleSetup } from '../../workers/setup/handler.js';
import { firmForm } from '../helpers/forms.js';
import { checkedForm, receivedForm, runNotifyJobs } from './seed.js';
import { createStageRig } from './stage-deps.js';

describe('setup stage', () => {
  const rig = createStageRig();
  afterAll(() => rig.close());

  const activationsTo = (addresses: string[]) =>
    rig.sent
      .filter((email) => email.kind === 'activation' && addresses.includes(email.to))
      .map((email) => email.to)
      .sort();

  it('adds the organisation and its users, and each user gets exactly one activation email however often it runs', async () => {
    const { emailId, submissionId } = await checkedForm(rig, await firmForm(741, 'Southwark Crown Court', 2));

    expect(await handleSetup({ submissionId }, rig.deps)).toBe('accepted');
    expect(await handleSetup({ submissionId }, rig.deps)).toBe('already-done');

    const submission = await rig.stores.submissions.get(submissionId);
    expect(submission?.state).toBe('accepted');
    expect(submission?.attention).toEqual([]);
    const organisation = await rig.stores.registry.getOrganisation(submission?.organisationId ?? '');
    expect(organisation?.name).toBe('Firm 741 Solicitors');
    const users = await rig.stores.registry.listUsers(organisation!.id);
    const addresses = users.map((user) => user.email).sort();
    expect(addresses).toEqual(['user0@firm741.example.co.uk', 'user1@firm741.example.co.uk']);
    // The email is decided once its only form is set up.
    expect((await rig.stores.emails.get(emailId))?.outcome).toBe('accepted');

    await runNotifyJobs(rig);
    await runNotifyJobs(rig);
    expect(activationsTo(addresses)).toEqual(addresses);
    for (const user of await rig.stores.registry.listUsers(organisation!.id)) expect(user.activationState).toBe('invited');
  });

  it('sends no second activation email to users a later form of the same firm names again', async () => {
    const first = await checkedForm(rig, await firmForm(742, 'Leeds Crown Court'));
    await handleSetup({ submissionId: first.submissionId }, rig.deps);
    await runNotifyJobs(rig);
    const address = 'user0@firm742.example.co.uk';
    expect(activationsTo([address])).toEqual([address]);

    const again = await checkedForm(rig, await firmForm(742, 'Leeds Crown Court'));
    expect(await handleSetup({ submissionId: again.submissionId }, rig.deps)).toBe('accepted');
    const [before, after] = await Promise.all([first.submissionId, again.submissionId].map((id) => rig.stores.submissions.get(id)));
    expect(after?.organisationId).toBe(before?.organisationId);
    await runNotifyJobs(rig);
    expect(activationsTo([address])).toEqual([address]);
  });

  it('does nothing for a form that is not waiting for set-up', async () => {
    const { submissionId } = await receivedForm(rig, { content: await firmForm(743, 'Bristol Crown Court') });
    await rig.stores.submissions.update(submissionId, { state: 'rejected', reason: 'staff rejected it' });
    const notifyBefore = (await rig.jobs('notify')).length;

    expect(await handleSetup({ submissionId }, rig.deps)).toBe('already-done');
    expect((await rig.stores.submissions.get(submissionId))?.state).toBe('rejected');
    expect(await rig.stores.registry.findUserByEmail('user0@firm743.example.co.uk')).toBeNull();
    expect(await rig.jobs('notify')).toHaveLength(notifyBefore);
  });

  it('fails for good on a missing submission or one without its registration', async () => {
    await expect(handleSetup({ submissionId: `${'a'.repeat(32)}-1` }, rig.deps)).rejects.toMatchObject({ code: 'MISSING_RECORD', retryable: false });

    const { submissionId } = await receivedForm(rig, { content: await firmForm(744, 'Cardiff Crown Court') });
    await rig.stores.submissions.update(submissionId, { state: 'queued-for-setup' });
    await expect(handleSetup({ submissionId }, rig.deps)).rejects.toMatchObject({ code: 'INCOMPLETE_RECORD', retryable: false });
    expect(await rig.stores.registry.findUserByEmail('user0@firm744.example.co.uk')).toBeNull();
  });
});
