import { describe, expect, it } from 'vitest';
import { cellAddress, cellAt, columnLetters, parseAddress, textCell, type Sheet } from './grid.js';

describe('grid addressing', () => {
  it('converts between column numbers and letters', () => {
    expect([1, 26, 27, 52, 703].map(columnLetters)).toEqual(['A', 'Z', 'AA', 'AZ', 'AAA']);
    expect(parseAddress('$AB$12')).toEqual({ row: 12, column: 28 });
    expect(cellAddress(7, 4)).toBe('D7');
  });

  it('reads a cell reference in any case, with or without $, and nothing that is not one', () => {
    expect(parseAddress('b7')).toEqual({ row: 7, column: 2 });
    expect(parseAddress('XFD1048576')).toEqual({ row: 1048576, column: 16384 });
    expect(parseAddress('A$3')).toEqual({ row: 3, column: 1 });
    expect(parseAddress('$zz09')).toEqual({ row: 9, column: 702 });
    for (const notOne of ['', '7', 'B', 'ABCD1', 'A12345678', 'A1:B2', ' A1', 'A1 ', '$$A1', 'A$$1', 'Ā1', 'A-1', 'A1.5', '@1']) {
      expect(parseAddress(notOne), notOne).toBeNull();
    }
  });

  it('reads a merged area from its top-left cell', () => {
    const sheet: Sheet = { name: 't', rows: new Map([[3, new Map([[2, textCell('merged value')]])]]), merges: [{ top: 3, left: 2, bottom: 4, right: 3 }] };
    expect(cellAt(sheet, 4, 3)?.text).toBe('merged value');
    expect(cellAt(sheet, 5, 3)).toBeNull();
  });
});
