import { makeFinding, type Finding } from '../findings.js';
import { FORM_VERSION, ORGANISATION_FIELDS, ORGANISATION_HEADERS, TABS, USER_COLUMNS, VERSION_LABEL, type FieldSpec } from '../form-schema.js';
import { WELSH_ORGANISATION_FIELDS, WELSH_ORGANISATION_HEADERS, WELSH_USER_COLUMNS, WELSH_VERSION_LABEL, type WelshText } from '../form-schema-cy.js';
import { cellAddress, cellAt, textAt, type Grid, type Sheet } from '../read/grid.js';
import { identifyTabs } from '../tab-names.js';
import { normaliseKey } from '../text.js';
import { structuralFindings } from './form-messages.js';
import type { Answer, RawForm, UserRow } from './raw-form.js';

const SCAN_ROWS = 300;
const SCAN_COLUMNS = 30;

/** Finds the input tabs, the version and every answer by its label, whatever rows or columns were added. */
export function locateForm(grid: Grid): { form: RawForm | null; findings: Finding[]; version: string | null } {
  const tabs = identifyTabs(grid.sheetNames);
  const orgSheet = grid.sheets.find((s) => s.name === tabs[TABS.organisation]) ?? null;
  const userSheet = grid.sheets.find((s) => s.name === tabs[TABS.users]) ?? null;
  const found = findVersion([orgSheet, userSheet, ...grid.sheets.filter((s) => s.name === '')]);
  const version = found === null ? null : found.replace(/^v(ersion)?\s*/i, '');
  const foreignNames = grid.sheetNames.filter(Boolean);
  const stop = (finding: Finding) => ({ form: null, findings: [finding], version });
  if (version !== null && version !== FORM_VERSION) return stop(structuralFindings.outdated(version));
  if (!orgSheet && !userSheet) return stop(structuralFindings.notRecognised(foreignNames));
  if (!orgSheet || !userSheet) return stop(structuralFindings.tabMissing(orgSheet ? TABS.users : TABS.organisation, foreignNames));
  const findings: Finding[] = version === null ? [structuralFindings.versionMissing()] : [];
  const organisation = locateOrganisation(orgSheet, findings);
  const users = locateUsers(userSheet, findings);
  if (!organisation) return stop(structuralFindings.layoutChanged(TABS.organisation));
  if (!users) return stop(structuralFindings.layoutChanged(TABS.users));
  return { form: { version, organisation, users, date1904: grid.date1904 }, findings, version };
}

// A CSV section keeps the line numbers of the file, so "near the top" is relative to its first row.
const firstRow = (sheet: Sheet): number => Math.min(...sheet.rows.keys(), 1_000_000);

function findVersion(sheets: (Sheet | null)[]): string | null {
  const labels = [VERSION_LABEL, WELSH_VERSION_LABEL].map(normaliseKey);
  for (const sheet of sheets) {
    if (!sheet) continue;
    const top = firstRow(sheet);
    for (let row = top; row <= top + 10; row++) {
      for (let column = 1; column <= 10; column++) {
        const text = textAt(sheet, row, column);
        const inline = /^(?:form version|fersiwn y ffurflen)\s*[:-]?\s*(\S+)$/i.exec(text);
        if (inline?.[1]) return inline[1];
        if (!labels.includes(normaliseKey(text))) continue;
        for (let next = column + 1; next <= column + 5; next++) {
          const value = textAt(sheet, row, next);
          if (value) return value;
        }
      }
    }
  }
  return null;
}

// The Welsh form has the same rows and columns, labelled in Welsh: its labels are read as the field's own.
const WELSH_LABELS = new Map<readonly FieldSpec[], Record<string, WelshText>>([
  [ORGANISATION_FIELDS, WELSH_ORGANISATION_FIELDS],
  [USER_COLUMNS, WELSH_USER_COLUMNS],
]);

function labelIndex(fields: readonly FieldSpec[]): Map<string, string> {
  const index = new Map<string, string>();
  const welsh = WELSH_LABELS.get(fields) ?? {};
  for (const f of fields) for (const alias of f.aliases ?? []) index.set(normaliseKey(alias), f.key);
  for (const f of fields) for (const label of [f.label, welsh[f.key]?.label ?? f.label]) index.set(normaliseKey(label), f.key); // exact labels win over another field's alias
  return index;
}

function scanLabels(sheet: Sheet, fields: readonly FieldSpec[], rows: number): Map<string, { row: number; column: number }> {
  const index = labelIndex(fields);
  const found = new Map<string, { row: number; column: number }>();
  for (const [row, cells] of sheet.rows) {
    if (row > firstRow(sheet) + rows) continue;
    for (const [column, cell] of cells) {
      if (column > SCAN_COLUMNS || cell.text.length > 120) continue;
      const key = index.get(normaliseKey(cell.text));
      if (key && !found.has(key)) found.set(key, { row, column });
    }
  }
  return found;
}

function answerAt(sheet: Sheet, tab: string, field: FieldSpec, row: number, column: number): Answer {
  const cell = cellAt(sheet, row, column);
  return {
    cell: cell && cell.text.trim() !== '' ? cell : null,
    text: cell?.text.trim() ?? '',
    place: { tab, cell: cellAddress(row, column), field: field.label },
  };
}

function locateOrganisation(sheet: Sheet, findings: Finding[]): Record<string, Answer> | null {
  const labels = scanLabels(sheet, ORGANISATION_FIELDS, SCAN_ROWS);
  if (labels.size < ORGANISATION_FIELDS.length / 2) return null;
  const offset = answerOffset(sheet);
  const answers: Record<string, Answer> = {};
  for (const field of ORGANISATION_FIELDS) {
    const at = labels.get(field.key);
    if (at) answers[field.key] = answerAt(sheet, TABS.organisation, field, at.row, at.column + offset);
    else if (field.required) {
      findings.push(makeFinding('error', 'FIELD_LABEL_MISSING', { tab: TABS.organisation, cell: null, field: field.label }, {}));
    }
  }
  return answers;
}

/** Columns between a label and its answer: taken from the "Field" and "Your answer" headings when present. */
function answerOffset(sheet: Sheet): number {
  const headings = [ORGANISATION_HEADERS, WELSH_ORGANISATION_HEADERS].map((h) => h.map((text) => normaliseKey(text)));
  const top = firstRow(sheet);
  for (let row = top; row <= top + 20; row++) {
    const cells = sheet.rows.get(row);
    if (!cells) continue;
    let fieldColumn = 0;
    let answerColumn = 0;
    for (const [column, cell] of cells) {
      const key = normaliseKey(cell.text);
      if (headings.some(([field]) => key === field) && !fieldColumn) fieldColumn = column;
      if (headings.some(([, answer]) => key === answer) && !answerColumn) answerColumn = column;
    }
    if (fieldColumn && answerColumn > fieldColumn) return answerColumn - fieldColumn;
  }
  return 1;
}

function locateUsers(sheet: Sheet, findings: Finding[]): UserRow[] | null {
  const index = labelIndex(USER_COLUMNS);
  let header: { row: number; columns: Map<string, number> } | null = null;
  for (const row of [...sheet.rows.keys()].sort((a, b) => a - b)) {
    if (row > firstRow(sheet) + 40) break;
    const columns = new Map<string, number>();
    for (const [column, cell] of sheet.rows.get(row) ?? []) {
      const key = index.get(normaliseKey(cell.text));
      if (key && !columns.has(key)) columns.set(key, column);
    }
    if (columns.size >= 3) {
      header = { row, columns };
      break;
    }
  }
  if (!header) return null;
  for (const field of USER_COLUMNS) {
    if (!field.required || header.columns.has(field.key)) continue;
    findings.push(makeFinding('error', 'COLUMN_MISSING', { tab: TABS.users, cell: null, field: field.label }, { headerRow: header.row }));
  }
  const users: UserRow[] = [];
  const rows = [...sheet.rows.keys()].filter((r) => r > header.row).sort((a, b) => a - b);
  for (const row of rows) {
    const answers: Record<string, Answer> = {};
    let filled = false;
    for (const field of USER_COLUMNS) {
      const column = header.columns.get(field.key);
      if (column === undefined) continue;
      answers[field.key] = answerAt(sheet, TABS.users, field, row, column);
      if (answers[field.key]?.cell) filled = true;
    }
    if (filled) users.push({ row, answers });
  }
  return users;
}
