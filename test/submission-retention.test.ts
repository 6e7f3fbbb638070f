import { afterAll, describe, expect, it } from 'vitest';
import { createRedis, keysFor } from '../src/redis.js';
import { SubmissionStore } from '../src/submissions/submission-store.js';
import { testEnvironment } from './helpers/environment.js';

const DAY_MS = 86_400_000;

describe('form file retention', () => {
  const environment = testEnvironment();
  const redis = createRedis(environment.config.redis, 'test');
  const keys = keysFor(environment.config.keyPrefix);
  const store = new SubmissionStore(redis, keys, { fileRetentionDays: 2 });
  afterAll(() => redis.disconnect());

  async function newSubmission(n: number) {
    const emailId = `${'ab'.repeat(15)}${String(n).padStart(2, '0')}`;
    const submissionId = `${emailId}-1`;
    await store.create(
      { submissionId, emailId, index: 1, reference: `CP-RET${n}`, filename: 'form.csv', kind: 'csv', origin: 'attachment', previousSubmissionId: null },
      Buffer.from('form'),
    );
    return submissionId;
  }

  it('keeps the file while the form may be acted on, and for the retention period once it is accepted or rejected', async () => {
    const id = await newSubmission(1);
    expect(await store.fileKept(id)).toEqual({ kept: true, until: null });
    await store.update(id, { state: 'review' });
    expect(await store.fileKept(id)).toEqual({ kept: true, until: null });

    await store.update(id, { state: 'rejected' });
    const rejected = await store.fileKept(id);
    expect(rejected.kept && rejected.until).toBeGreaterThan(Date.now() + 2 * DAY_MS - 60_000);
    expect(rejected.kept && rejected.until).toBeLessThanOrEqual(Date.now() + 2 * DAY_MS);

    // Staff accept it despite the findings: it is back in play, so its file is kept until it ends again.
    await store.update(id, { state: 'queued-for-setup' });
    expect(await store.fileKept(id)).toEqual({ kept: true, until: null });
    await store.update(id, { state: 'accepted' });
    expect((await store.fileKept(id)).kept).toBe(true);
    expect(await store.getFile(id)).toEqual(Buffer.from('form'));
  });

  it('keeps the file of an accepted form while staff still have something to look at', async () => {
    const id = await newSubmission(3);
    await store.update(id, { state: 'accepted', attention: ['1 earlier user(s) are not on this form'] });
    expect(await store.fileKept(id)).toEqual({ kept: true, until: null });
    await store.update(id, { attention: [] });
    const looked = await store.fileKept(id);
    expect(looked.kept && looked.until).toBeGreaterThan(Date.now() + 2 * DAY_MS - 60_000);
  });

  it('says when the file is gone, and other changes leave its expiry alone', async () => {
    const id = await newSubmission(2);
    await store.update(id, { state: 'accepted' });
    await redis.pexpire(keys.submissionFile(id), 60_000); // the period nearly over
    await store.update(id, { attention: [], reason: 'looked at' });
    expect(await redis.pttl(keys.submissionFile(id))).toBeLessThanOrEqual(60_000);
    await redis.del(keys.submissionFile(id)); // as Redis does when the period ends
    expect(await store.fileKept(id)).toEqual({ kept: false });
    expect(await store.getFile(id)).toBeNull();
  });
});
