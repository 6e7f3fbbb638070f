import { beforeAll, describe, expect, it } from 'vitest';
import { validateForm } from '../../src/form/index.js';
import { keysFor } from '../../src/redis.js';
import { composeEmail } from '../../src/samples/sample-emails.js';
import { StaffAccounts } from '../../src/staff/staff-accounts.js';
import { SubmissionStore } from '../../src/submissions/submission-store.js';
import { testEnvironment, waitFor } from '../helpers/environment.js';
import { withRunningService } from '../helpers/running-service.js';
import { ownUsersWorkbook, post, signIn } from './staff-helpers.js';

describe('a go-live date staff change reaches the running pipeline', () => {
  const environment = testEnvironment();
  const running = withRunningService(environment);
  const keys = keysFor(environment.config.keyPrefix);
  beforeAll(() => new StaffAccounts(running.redis, keys).set('frank', 'frank has a long password', 'administrator'));

  it('queues the next form by the new date, without a restart', async () => {
    const form = await ownUsersWorkbook();
    const courts = (await validateForm({ filename: 'form.xlsx', content: form })).registration!.courts;
    const inAYear = new Date(Date.now() + 200 * 86_400_000).toISOString().slice(0, 10);
    const browser = await signIn(running.service.web!, 'frank', 'frank has a long password');
    for (const code of courts) await post(running.service.web!, browser, '/staff/courts', { code, goLiveDate: inAYear });

    await running.mailbox.append(
      'INBOX',
      await composeEmail({ messageId: `<courts-${Date.now()}@kestrelhart.example>`, attachments: [{ filename: 'form.xlsx', content: form }] }),
    );
    const submissions = new SubmissionStore(running.redis, keys);
    const submission = await waitFor(
      async () => (await submissions.listNewest(0, 1)).submissions.find((s) => s.priority !== null),
      'the form to be queued',
      30_000,
    );
    expect(submission.priority?.label).toBe('goes live in 200 days');
  });
});
