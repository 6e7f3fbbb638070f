import { describe, expect, it } from 'vitest';
import { CorruptRecordError } from '../stored-record.js';
import { OUTCOME_FIELDS, outcomeFromFields } from './submission-record.js';

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
