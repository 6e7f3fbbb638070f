import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkForm } from '../check-form.js';
import type { LegacyFinding } from '../findings.js';
import { describeFinding } from '../messages/render-finding.js';
import { cellAddress, parseAddress } from '../read/grid.js';
import { listZipEntries } from '../read/zip-archive.js';
import { fillColour, snapshot, type WorkbookSnapshot } from '../testing/xlsx-snapshot.js';
import { annotate, PROBLEMS_TAB } from './annotate-form.js';
import { PROBLEM_FILL, WARNING_FILL, type CellMark } from './cell-marks.js';
import { markWorkbook } from './mark-workbook.js';

const FORMS = join(import.meta.dirname, '..', '..', '..', 'test', 'fixtures', 'forms');
const NOW = new Date('2026-11-25T10:00:00Z');

/** Cells expected to be marked: sheet name → cell → fill and a piece of the note. */
type Expected = Map<string, Map<string, { argb: string; note: string }>>;
interface Annotated {
  before: Uint8Array;
  after: Uint8Array;
  expected: Expected;
  findings: number;
}

const finding = (tab: string, cell: string, severity: LegacyFinding['severity'], message: string): LegacyFinding => ({
  severity,
  tab,
  cell,
  field: null,
  code: 'TEST',
  message,
  suggestion: null,
});

/** A filled-in form: the real findings, plus one on a header with the template's note, one on an empty cell, one below the form. */
async function annotateForm(file: string): Promise<Annotated> {
  const content = readFileSync(join(FORMS, file));
  const findings = [
    ...checkForm({ filename: file, content }, NOW).findings,
    finding('User details input', 'C4', 'warning', 'A header the firm reworded.'),
    finding('User details input', 'H10', 'error', 'Nothing belongs in column H.'),
    finding('Organisation details input', 'B40', 'error', 'Nothing belongs below the form.'),
  ];
  const expected: Expected = new Map();
  for (const f of findings) {
    if (!f.tab || !f.cell) continue;
    const cells = expected.get(f.tab) ?? new Map<string, { argb: string; note: string }>();
    const argb = f.severity === 'error' || cells.get(f.cell)?.argb === PROBLEM_FILL ? PROBLEM_FILL : WARNING_FILL;
    cells.set(f.cell, { argb, note: describeFinding(f) });
    expected.set(f.tab, cells);
  }
  const copy = await annotate({ filename: file, content }, findings);
  return { before: content, after: copy?.content ?? new Uint8Array(), expected, findings: findings.length };
}

/** A workbook that is not a form: marks on a cell with a value, one with a note, a new cell in a row and a new row. */
function annotateWorkbook(file: string): Annotated {
  const content = readFileSync(join(FORMS, file));
  const before = snapshot(content);
  const [name, sheet] = [...before.sheets][0] ?? [];
  if (!name || !sheet) throw new Error(`${file} has no worksheet`);
  const refs = [...sheet.cells.keys()].map((ref) => parseAddress(ref)).filter((a) => a !== null);
  const first = refs.sort((a, b) => a.row - b.row || a.column - b.column)[0] ?? { row: 1, column: 1 };
  const lastRow = Math.max(...refs.map((a) => a.row), 1);
  const lastColumn = Math.max(...refs.map((a) => a.column), 1);
  const cells = [cellAddress(first.row, first.column), cellAddress(first.row, lastColumn + 2), cellAddress(lastRow + 2, 2), ...sheet.notes.keys()];
  const marks: CellMark[] = [...new Set(cells)].map((ref, i) => ({
    ...(parseAddress(ref) ?? { row: 1, column: 1 }),
    argb: i === 1 ? WARNING_FILL : PROBLEM_FILL,
    text: `Check ${ref} & <fix> it.`,
  }));
  const expected: Expected = new Map([[name, new Map(marks.map((m) => [cellAddress(m.row, m.column), { argb: m.argb, note: m.text }]))]]);
  const findings = marks.map((m) => finding(name, cellAddress(m.row, m.column), 'error', m.text));
  const after = markWorkbook(content, listZipEntries(content), () => new Map([[name, marks]]), findings, 'en');
  return { before: content, after, expected, findings: findings.length };
}

const PRODUCERS: { producer: string; file: string; make: (file: string) => Annotated | Promise<Annotated> }[] = [
  { producer: 'openpyxl', file: 'producers/openpyxl.xlsx', make: annotateForm },
  { producer: 'LibreOffice', file: 'producers/libreoffice.xlsx', make: annotateForm },
  { producer: "exceljs (the project's template builder)", file: 'many-problems.xlsx', make: annotateForm },
  { producer: 'Excel (notes)', file: 'real-world/comments.xlsx', make: annotateWorkbook },
  { producer: 'Excel (validation, column widths)', file: 'real-world/test-pr-1204.xlsx', make: annotateWorkbook },
  { producer: 'Excel (number formats)', file: 'real-world/1519293514-KRISHNAPATNAM_LINE_UP.xlsx', make: annotateWorkbook },
  { producer: 'Excel (row styles)', file: 'real-world/test-row-styles.xlsx', make: annotateWorkbook },
  { producer: 'Excel Online', file: 'real-world/test-issue-1842.xlsx', make: annotateWorkbook },
  { producer: 'Google Sheets', file: 'real-world/hidden-test-google-sheets.xlsx', make: annotateWorkbook },
];

const made = new Map<string, Promise<Annotated>>();
const annotated = (p: (typeof PRODUCERS)[number]): Promise<Annotated> => {
  if (!made.has(p.file)) made.set(p.file, Promise.resolve(p.make(p.file)));
  return made.get(p.file) as Promise<Annotated>;
};

function expectOnlyMarked(before: WorkbookSnapshot, after: WorkbookSnapshot, expected: Expected): void {
  expect(after.numFmts).toBe(before.numFmts);
  expect(after.xfs.slice(0, before.xfs.length), 'existing cell formats unchanged').toEqual(before.xfs);
  for (const [name, sheet] of before.sheets) {
    const now = after.sheets.get(name);
    const marked = expected.get(name) ?? new Map<string, { argb: string; note: string }>();
    expect(now?.kept, `${name}: validations, widths, merges`).toEqual(sheet.kept);
    const restyled = [...(now?.cells ?? [])].filter(([ref, cell]) => sheet.cells.get(ref)?.style !== cell.style).map(([ref]) => ref);
    expect(restyled.sort(), `${name}: the cells given a new format`).toEqual([...marked.keys()].sort());
    for (const [ref, cell] of sheet.cells) expect(now?.cells.get(ref)?.content, `${name}!${ref} value`).toBe(cell.content);
    for (const [ref, { argb, note }] of marked) {
      const style = now?.cells.get(ref)?.style ?? 0;
      expect(fillColour(after, style), `${name}!${ref} fill`).toBe(argb);
      expect(now?.notes.get(ref), `${name}!${ref} note`).toContain(note);
      const original = before.xfs[sheet.cells.get(ref)?.style ?? 0];
      if (sheet.cells.has(ref) && original) {
        const { fillId: _a, applyFill: _b, ...rest } = after.xfs[style]?.attributes ?? {};
        const { fillId: _c, applyFill: _d, ...was } = original.attributes;
        expect({ ...rest, inner: after.xfs[style]?.inner }, `${name}!${ref} keeps its font, border, number format`).toEqual({ ...was, inner: original.inner });
      }
    }
    for (const [ref, note] of sheet.notes) expect(now?.notes.get(ref), `${name}!${ref}: the firm's note`).toContain(note);
    expect([...(now?.notes.keys() ?? [])].sort()).toEqual([...new Set([...sheet.notes.keys(), ...marked.keys()])].sort());
  }
}

describe('annotated copies of workbooks from each producer', () => {
  for (const p of PRODUCERS) {
    it(`marks exactly the finding cells, keeping the rest, in a file saved by ${p.producer}`, async () => {
      const { before, after, expected, findings } = await annotated(p);
      expect(after.length, 'an annotated copy is made').toBeGreaterThan(0);
      const was = snapshot(before);
      const now = snapshot(after);
      expectOnlyMarked(was, now, expected);
      expect(now.sheetNames).toEqual([...was.sheetNames.filter((n) => n !== PROBLEMS_TAB), PROBLEMS_TAB]);
      const problems = now.sheets.get(PROBLEMS_TAB);
      expect(problems?.cells.get('A1')?.content).toContain('Tab');
      expect(problems?.cells.has(`D${findings + 1}`)).toBe(true);
      expect(problems?.cells.has(`A${findings + 2}`)).toBe(false);
    });
  }
});

const hasSoffice = !spawnSync('soffice', ['--version']).error;

describe.skipIf(!hasSoffice)('annotated copies opened by LibreOffice', () => {
  it('opens every copy and finds each note where it was put', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'intake-annotate-'));
    const copies = await Promise.all(PRODUCERS.map(async (p, i) => ({ name: `copy${i}.xlsx`, ...(await annotated(p)) })));
    for (const copy of copies) writeFileSync(join(dir, copy.name), copy.after);
    mkdirSync(join(dir, 'out'));
    const run = spawnSync(
      'soffice',
      [
        `-env:UserInstallation=file://${dir}/profile`,
        '--headless',
        '--convert-to',
        'xlsx',
        '--outdir',
        join(dir, 'out'),
        ...copies.map((c) => join(dir, c.name)),
      ],
      { timeout: 180_000 },
    );
    expect(run.status, String(run.stderr)).toBe(0);
    for (const copy of copies) {
      const resaved = snapshot(readFileSync(join(dir, 'out', copy.name)));
      expect(resaved.sheetNames).toContain(PROBLEMS_TAB);
      for (const [name, cells] of copy.expected) {
        for (const [ref, { argb, note }] of cells) {
          const sheet = resaved.sheets.get(name);
          expect(sheet?.notes.get(ref), `${copy.name} ${name}!${ref}`).toContain(note);
          expect(fillColour(resaved, sheet?.cells.get(ref)?.style ?? 0), `${copy.name} ${name}!${ref}`).toBe(argb);
        }
      }
    }
  }, 240_000);
});
