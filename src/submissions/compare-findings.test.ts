import { describe, expect, it } from 'vitest';
import type { LegacyFinding } from '../form/findings.js';
import { compareFindings, summariseFinding } from './compare-findings.js';

const finding = (cell: string | null, code = 'INVALID', overrides: Partial<LegacyFinding> = {}): LegacyFinding => ({
  severity: 'error',
  tab: 'Organisation details input',
  cell,
  field: cell ? `Field ${cell}` : null,
  code,
  message: `Problem at ${cell}`,
  suggestion: null,
  ...overrides,
});

describe('compareFindings', () => {
  it('says which errors a corrected form fixed, which remain and which are new', () => {
    const before = [finding('B7'), finding('B9'), finding(null, 'NO_USERS', { tab: null })];
    const after = [finding('B9', 'TOO_SHORT'), finding('C4')];
    const { fixed, stillWrong, added } = compareFindings(before, after);
    expect(fixed.map((f) => f.cell ?? f.code)).toEqual(['B7', 'NO_USERS']);
    expect(stillWrong.map((f) => [f.cell, f.code])).toEqual([['B9', 'TOO_SHORT']]);
    expect(added.map((f) => f.cell)).toEqual(['C4']);
  });

  it('leaves warnings out of what is fixed or still wrong', () => {
    const { fixed, stillWrong } = compareFindings([finding('B7', 'X', { severity: 'warning' })], [finding('B8', 'X', { severity: 'warning' })]);
    expect(fixed).toEqual([]);
    expect(stillWrong).toEqual([]);
  });

  it('counts a cell once as fixed even if it had two problems', () => {
    expect(compareFindings([finding('B7', 'A'), finding('B7', 'B')], []).fixed).toHaveLength(1);
  });
});

describe('summariseFinding', () => {
  it('names the field and where it is, or falls back to the message', () => {
    expect(summariseFinding(finding('B7'))).toBe('Field B7 (Organisation details input tab, cell B7)');
    expect(summariseFinding(finding(null, 'NO_USERS', { tab: null, message: 'No users were listed.' }))).toBe('No users were listed.');
  });
});
