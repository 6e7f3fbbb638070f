import { describe, expect, it } from 'vitest';
import { restyleCells } from './sheet-cells.js';
import { applyEdits } from './xml-tags.js';

const sheet = (data: string, extra = ''): string => `<worksheet xmlns="main">${extra}${data}</worksheet>`;
const at = (ref: string): { row: number; column: number } => ({ row: Number(ref.slice(1)), column: ref.charCodeAt(0) - 64 });
// Each original format n becomes 100 + n, so the test sees which format a cell started from.
const mark = (xml: string, refs: string[]): string =>
  applyEdits(
    xml,
    restyleCells(xml, refs.map(at), (original) => 100 + original),
  );

describe('restyleCells', () => {
  it('changes the format of the marked cells only', () => {
    const xml = sheet('<sheetData><row r="1" spans="1:2"><c r="A1" s="3" t="s"><v>0</v></c><c r="B1" s="3"/></row></sheetData>');
    expect(mark(xml, ['A1'])).toBe(sheet('<sheetData><row r="1"><c r="A1" s="103" t="s"><v>0</v></c><c r="B1" s="3"/></row></sheetData>'));
  });

  it('adds missing cells in column order and missing rows in row order', () => {
    const xml = sheet('<sheetData><row r="2"><c r="B2"><v>1</v></c></row><row r="5"/></sheetData>');
    expect(mark(xml, ['C2', 'A2', 'A1', 'B4', 'D5', 'A9'])).toBe(
      sheet(
        '<sheetData><row r="1"><c r="A1" s="100"/></row><row r="2"><c r="A2" s="100"/>' +
          '<c r="B2"><v>1</v></c><c r="C2" s="100"/></row><row r="4"><c r="B4" s="100"/></row><row r="5"><c r="D5" s="100"/></row><row r="9"><c r="A9" s="100"/></row></sheetData>',
      ),
    );
  });

  it('gives a new cell the format its row or column shows when empty', () => {
    const xml = sheet(
      '<sheetData><row r="1" s="4" customFormat="1"/><row r="2" s="6"/></sheetData>',
      '<cols><col min="2" max="3" style="7" width="9"/></cols>',
    );
    expect(mark(xml, ['A1', 'A2', 'B2', 'C3'])).toContain(
      '<row r="1" s="4" customFormat="1"><c r="A1" s="104"/></row><row r="2" s="6"><c r="A2" s="100"/><c r="B2" s="107"/></row><row r="3"><c r="C3" s="107"/></row>',
    );
  });

  it('pins cells and rows without r when something is added before them', () => {
    const xml = sheet('<sheetData><row><c><v>1</v></c><c><v>2</v></c></row><row><c s="2"><v>3</v></c></row></sheetData>');
    expect(mark(xml, ['A1', 'A2'])).toBe(sheet('<sheetData><row><c s="100"><v>1</v></c><c><v>2</v></c></row><row><c s="102"><v>3</v></c></row></sheetData>'));
    expect(mark(xml, ['A3', 'B2'])).toContain('<row><c s="2"><v>3</v></c><c r="B2" s="100"/></row><row r="3"><c r="A3" s="100"/></row>');
  });

  it('fills an empty sheet and widens the declared used range', () => {
    expect(mark(sheet('<sheetData/>', '<dimension ref="A1"/>'), ['B3'])).toBe(
      sheet('<sheetData><row r="3"><c r="B3" s="100"/></row></sheetData>', '<dimension ref="A1:B3"/>'),
    );
  });

  it("keeps the part's namespace prefix", () => {
    const xml = '<x:worksheet xmlns:x="main"><x:sheetData><x:row r="1"><x:c r="B1"/></x:row></x:sheetData></x:worksheet>';
    expect(mark(xml, ['A1'])).toBe(
      '<x:worksheet xmlns:x="main"><x:sheetData><x:row r="1"><x:c r="A1" s="100"/><x:c r="B1"/></x:row></x:sheetData></x:worksheet>',
    );
  });
});
