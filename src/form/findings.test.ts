import { describe, expect, it } from 'vitest';
import { describeCells, findingCells, makeFinding, placeAtCells, placePrefix } from './findings.js';

describe('describeCells', () => {
  it.each([
    [['B7'], 'B7'],
    [['B12', 'B13', 'B14'], 'B12 to B14'],
    [['A6', 'A7'], 'A6 and A7'],
    [['E5', 'E6', 'E7', 'E9', 'E11'], 'E5 to E7, E9 and E11'],
    [['B12', 'C12'], 'B12 and C12'],
    [Array.from({ length: 12 }, (_, i) => `E${5 + 2 * i}`), 'E5, E7, E9, E11, E13, E15, E17, E19 and 4 more'],
    [Array.from({ length: 900 }, (_, i) => `E${5 + i}`), 'E5 to E904'],
  ])('names %j as "%s"', (cells, text) => {
    expect(describeCells(cells)).toBe(text);
  });
});

describe('a finding about several cells', () => {
  it('keeps the first as its cell, lists them all, and says so in its message', () => {
    const finding = makeFinding('error', 'NO_ORGANISATION_ADMINISTRATOR', placeAtCells('User details input', ['E5', undefined, 'E6', null, 'E7'], 'Role'), 'No administrator.');
    expect(finding).toMatchObject({ tab: 'User details input', cell: 'E5', cells: ['E5', 'E6', 'E7'], field: 'Role' });
    expect(finding.message).toBe('On the User details input tab, cells E5 to E7 (Role): No administrator.');
    expect(findingCells(finding)).toEqual(['E5', 'E6', 'E7']);
  });

  it('is an ordinary one-cell finding when only one cell is known, and has no cell when none is', () => {
    const one = makeFinding('error', 'X', placeAtCells('User details input', [undefined, 'E6'], 'Role'), 'Problem.');
    expect(one).not.toHaveProperty('cells');
    expect(one).toMatchObject({ cell: 'E6', message: 'On the User details input tab, cell E6 (Role): Problem.' });
    expect(placePrefix(placeAtCells('User details input', [], null))).toBe('On the User details input tab: ');
    expect(findingCells({ cell: null })).toEqual([]);
  });
});
