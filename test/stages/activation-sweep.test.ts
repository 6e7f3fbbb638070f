import { afterAll, describe, expect, it } from 'vitest';
import { activate } from '../../src/registry/activation-flow.js';
import { handleActivationSweep } from '../../workers/housekeeping/handler.js';
import { firmForm } from '../helpers/forms.js';
import { activationToken, runNotifyJobs, setUpForm } from './seed.js';
import { createStageRig } from './stage-deps.js';

const DAY = 24 * 3600 * 1000;

describe('housekeeping stage (activation sweep)', () => {
  let now = new Date();
  const rig = createStageRig({ clock: () => now });
  afterAll(() => rig.close());

  const reminderJobs = async () => (await rig.jobs('notify')).filter((job) => job.data.kind === 'activation-reminder');

  it('queues one day-21 reminder per unused link however often it runs, then expires the account after day 28', async () => {
    await setUpForm(rig, await firmForm(761, 'Southwark Crown Court', 2));
    await runNotifyJobs(rig);
    const [ada, bea] = await Promise.all(['user0', 'user1'].map((name) => rig.stores.registry.findUserByEmail(`${name}@firm761.example.co.uk`)));
    expect([ada?.activationState, bea?.activationState]).toEqual(['invited', 'invited']);
    // One of the two activates in time: only the other is reminded and expires.
    const beasEmail = rig.sent.find((email) => email.to === bea!.email);
    expect(await activate(activationToken(rig, beasEmail!), rig.stores)).toEqual({ status: 'activated', userId: bea!.id });

    now = new Date(now.getTime() + 20 * DAY);
    expect(await handleActivationSweep(rig.deps)).toEqual({ reminders: 0, expired: 0 });
    expect(await reminderJobs()).toEqual([]);

    now = new Date(now.getTime() + DAY + 60_000);
    expect(await handleActivationSweep(rig.deps)).toEqual({ reminders: 1, expired: 0 });
    expect(await handleActivationSweep(rig.deps)).toEqual({ reminders: 0, expired: 0 });
    const reminders = await reminderJobs();
    expect(reminders.map((job) => job.data.userId)).toEqual([ada!.id]);

    // The reminder job sends the reminder once.
    await runNotifyJobs(rig);
    await runNotifyJobs(rig);
    expect(rig.sent.filter((email) => email.to === ada!.email).map((email) => email.kind)).toEqual([
      'activation',
      expect.stringMatching(/^activation-reminder-/),
    ]);

    now = new Date(now.getTime() + 7 * DAY);
    expect(await handleActivationSweep(rig.deps)).toEqual({ reminders: 0, expired: 1 });
    expect(await handleActivationSweep(rig.deps)).toEqual({ reminders: 0, expired: 0 });
    expect((await rig.stores.registry.getUser(ada!.id))?.activationState).toBe('expired');
    expect((await rig.stores.registry.getUser(bea!.id))?.activationState).toBe('activated');
    expect(await reminderJobs()).toHaveLength(1);
  });
});
