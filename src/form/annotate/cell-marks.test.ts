import { describe, expect, it } from 'vitest';
import type { LegacyFinding } from '../findings.js';
import { cellMarks, PROBLEM_FILL, WARNING_FILL } from './cell-marks.js';

const finding = (over: Partial<LegacyFinding>): LegacyFinding => ({
  severity: 'error',
  tab: 'User details input',
  cell: null,
  field: null,
  code: 'X',
  message: 'Fix this.',
  suggestion: null,
  ...over,
});

describe('which cells the annotated copy marks', () => {
  it('marks every cell a form-wide finding points at, and merges findings on one cell', () => {
    const marks = cellMarks(
      [
        finding({ code: 'NO_ADMINISTRATOR', cell: 'E5', cells: ['E5', 'E6', 'E7'], message: 'Nobody is an organisation administrator.' }),
        finding({ code: 'ROLE_READ_AS', severity: 'warning', cell: 'E6', message: 'Read "Paralegal" as "Support staff".' }),
        finding({ tab: 'Organisation details input', cell: null, message: 'No cell at all.' }),
      ],
      (tab) => (tab === 'User details input' ? 'Users' : null),
    );
    const users = marks.get('Users') ?? [];
    expect(users.map((m) => `${m.row}:${m.column}`).sort()).toEqual(['5:5', '6:5', '7:5']);
    const e6 = users.find((m) => m.row === 6)!;
    expect(e6.argb).toBe(PROBLEM_FILL);
    expect(e6.text).toContain('Nobody is an organisation administrator.');
    expect(e6.text).toContain('Paralegal');
    expect(marks.has('Organisation details input')).toBe(false);
    expect(WARNING_FILL).not.toBe(PROBLEM_FILL);
  });
});
