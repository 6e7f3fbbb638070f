import { describe, expect, it } from 'vitest';
import { CorruptRecordError } from '../stored-record.js';
import { fromHash, OUTCOME_FIELDS, outcomeFromFields, SUMMARY_FIELDS, summaryFromFields } from './submission-record.js';

describe("a submission's outcome fields", () => {
  it('reads them in the order HMGET is asked for them', () => {
    expect(OUTCOME_FIELDS).toEqual(['submissionId', 'reference', 'state', 'reason', 'attention']);
    expect(outcomeFromFields(['sub-1', 'CP-ABC', 'review', 'a reason', JSON.stringify(['two users share an address'])])).toEqual({
      submissionId: 'sub-1',
      reference: 'CP-ABC',
      state: 'review',
      reason: 'a reason',
      attention: ['two users share an address'],
    });
  });

  it('fills what an older record lacks, and is null for a submission with no record', () => {
    expect(outcomeFromFields(['sub-2', null, 'accepted', null, null])).toEqual({
      submissionId: 'sub-2',
      reference: '',
      state: 'accepted',
      reason: '',
      attention: [],
    });
    expect(outcomeFromFields([null, null, null, null, null])).toBeNull();
  });

  it('refuses a state no submission can be in', () => {
    expect(() => outcomeFromFields(['sub-3', 'CP-XYZ', 'lost', '', '[]'])).toThrow(CorruptRecordError);
  });
});

describe("a submission's summary", () => {
  const hash: Record<string, string> = {
    submissionId: 'sub-4',
    emailId: 'email-4',
    index: '2',
    reference: 'CP-DEF-2',
    filename: 'form.xlsx',
    kind: 'xlsx',
    origin: 'attachment',
    state: 'accepted',
    reason: '',
    createdAt: '1000',
    updatedAt: '2000',
    previousSubmissionId: 'null',
    findings: JSON.stringify([{ code: 'USER_EMAIL_INVALID', severity: 'error' }]),
    registration: JSON.stringify({ organisation: { name: 'Firm' }, users: [{ email: 'a@firm.example' }] }),
    priority: JSON.stringify({ value: 3, label: 'goes live this week' }),
    organisationId: 'org_1',
    attention: JSON.stringify(['one user is registered elsewhere']),
    language: 'cy',
  };
  const asHmget = (record: Record<string, string>) => SUMMARY_FIELDS.map((field) => record[field] ?? null);

  it('asks for every field but the findings and the registration, and reads them as the whole record does', () => {
    expect(SUMMARY_FIELDS).not.toContain('findings');
    expect(SUMMARY_FIELDS).not.toContain('registration');
    const { findings: _findings, registration: _registration, ...rest } = fromHash(hash)!;
    expect(summaryFromFields(asHmget(hash))).toEqual(rest);
    expect(rest).toMatchObject({ index: 2, language: 'cy', organisationId: 'org_1', priority: { value: 3 }, attention: ['one user is registered elsewhere'] });
  });

  it('is null for a submission with no record, and refuses a damaged one', () => {
    expect(summaryFromFields(SUMMARY_FIELDS.map(() => null))).toBeNull();
    expect(() => summaryFromFields(asHmget({ ...hash, attention: 'not json' }))).toThrow(CorruptRecordError);
  });
});
