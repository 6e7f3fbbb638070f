import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { keysFor } from '../../src/redis.js';
import { SubmissionHistory, type SubmissionSummary } from '../../src/submissions/submission-history.js';
import { testEnvironment } from '../helpers/environment.js';

const id = (c: string) => c.repeat(32);
const summary = (emailId: string, reference: string): SubmissionSummary => ({
  emailId,
  reference,
  findings: [{ severity: 'error', tab: 'User details input', cell: 'E5', field: 'Mobile', code: 'MOBILE', message: 'Not a mobile number.' }],
  previousEmailId: null,
  recordedAt: '2026-11-25T10:00:00.000Z',
});

describe('SubmissionHistory', () => {
  const { config } = testEnvironment();
  const redis = new Redis(config.redisUrl);
  const history = new SubmissionHistory(redis, keysFor(config.keyPrefix));
  afterAll(() => redis.quit());

  it('links a corrected form to the submission whose reply it answers, before any quoted reference', async () => {
    await history.record(summary(id('1'), 'CP-11111111'));
    await history.record(summary(id('2'), 'CP-22222222'));
    const found = await history.findEarlier({ emailIds: [id('9'), id('2')], references: ['CP-11111111'] }, id('3'));
    expect(found?.emailId).toBe(id('2'));
    expect(found?.findings[0]?.cell).toBe('E5');
  });

  it('falls back to the reference in the subject, but never to the email itself', async () => {
    await history.record(summary(id('4'), 'CP-44444444'));
    expect((await history.findEarlier({ emailIds: [], references: ['CP-44444444'] }, id('5')))?.emailId).toBe(id('4'));
    expect(await history.findEarlier({ emailIds: [id('4')], references: ['CP-44444444'] }, id('4'))).toBeNull();
  });

  it('links to neither of two submissions that share a reference', async () => {
    await history.record(summary(id('6'), 'CP-66666666'));
    await history.record(summary(`${'6'.repeat(8)}${'0'.repeat(24)}`, 'CP-66666666'));
    expect(await history.findEarlier({ emailIds: [], references: ['CP-66666666'] }, id('7'))).toBeNull();
  });

  it('records the same submission twice without a second entry', async () => {
    await history.record(summary(id('8'), 'CP-88888888'));
    await history.record(summary(id('8'), 'CP-88888888'));
    expect((await history.findEarlier({ emailIds: [], references: ['CP-88888888'] }, id('9')))?.emailId).toBe(id('8'));
  });
});
