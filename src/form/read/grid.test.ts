import { describe, expect, it } from 'vitest';
import { cellAddress, cellAt, columnLetters, parseAddress, textCell, type Sheet } from './grid.js';

describe('grid addressing', () => {
  it('converts between column numbers and letters', () => {
    expect([1, 26, 27, 52, 703].map(columnLetters)).toEqual(['A', 'Z', 'AA', 'AZ', 'AAA']);
    expect(parseAddress('$AB$12')).toEqual({ row: 12, column: 28 });
    expect(cellAddress(7, 4)).toBe('D7');
  });

  it('reads a merged area from its top-left cell', () => {
    const sheet: Sheet = { name: 't', rows: new Map([[3, new Map([[2, textCell('merged value')]])]]), merges: [{ top: 3, left: 2, bottom: 4, right: 3 }] };
    expect(cellAt(sheet, 4, 3)?.text).toBe('merged value');
    expect(cellAt(sheet, 5, 3)).toBeNull();
  });
});
