import { cellAddress, parseAddress, parseRange } from '../read/grid.js';
import { findElement, getAttribute, qualified, setAttribute, tags, tagText, type Edit, type Tag } from './xml-tags.js';

export interface CellTarget {
  row: number;
  column: number;
}

/** Maps a cell's current format index to the one it should have. */
export type Restyle<T extends CellTarget> = (original: number, target: T) => number;

interface RowState<T extends CellTarget> {
  number: number;
  targets: T[];
  /** The row's own format, which an empty cell of a formatted row shows. */
  style: number | null;
  lastColumn: number;
}

/**
 * Edits that give exactly the target cells a new format, adding cells (and rows) that the sheet does not
 * hold yet in column (and row) order. Nothing else in sheetData changes.
 */
export function restyleCells<T extends CellTarget>(xml: string, targets: readonly T[], restyle: Restyle<T>): Edit[] {
  const sheetData = findElement(xml, 'sheetData');
  if (!sheetData) throw new Error('worksheet without sheetData');
  const prefix = sheetData.open.prefix;
  const columnStyle = columnStyles(xml);
  const byRow = new Map<number, T[]>();
  for (const t of [...targets].sort((a, b) => a.row - b.row || a.column - b.column)) byRow.set(t.row, [...(byRow.get(t.row) ?? []), t]);
  const pending = [...byRow.keys()];
  const edits: Edit[] = [dimensionEdit(xml, targets)].filter((e): e is Edit => e !== null);

  const newCell = (t: T, base: number): string => `<${qualified(prefix, 'c')} r="${cellAddress(t.row, t.column)}" s="${restyle(base, t)}"/>`;
  const newRows = (before: number): string => {
    let out = '';
    while (pending.length > 0 && (pending[0] ?? 0) < before) {
      const number = pending.shift() ?? 0;
      const cells = (byRow.get(number) ?? []).map((t) => newCell(t, columnStyle(t.column))).join('');
      out += `<${qualified(prefix, 'row')} r="${number}">${cells}</${qualified(prefix, 'row')}>`;
    }
    return out;
  };

  if (!sheetData.close) {
    const open = tagText(xml, sheetData.open).replace(/\s*\/>$/, '>');
    edits.push({ at: sheetData.start, remove: sheetData.end - sheetData.start, insert: `${open}${newRows(Infinity)}</${qualified(prefix, 'sheetData')}>` });
    return edits;
  }

  let rowNumber = 0;
  let row: RowState<T> | null = null;
  let depth = 0;
  for (const tag of tags(xml, sheetData.open.end, sheetData.close.start)) {
    if (depth === 0 && tag.name === 'row' && tag.kind !== 'close') {
      let text = tagText(xml, tag);
      const r = Number(getAttribute(text, 'r'));
      rowNumber = r > 0 ? r : rowNumber + 1;
      const rows = newRows(rowNumber);
      if (rows) edits.push({ at: tag.start, remove: 0, insert: rows });
      // A row without r takes its number from the one before: pin it when rows were added in front.
      if (!(r > 0) && rows) text = setAttribute(text, 'r', String(rowNumber));
      const rowTargets = byRow.get(rowNumber);
      if (rowTargets && pending[0] === rowNumber) pending.shift();
      if (rowTargets) text = setAttribute(text, 'spans', null); // an optional hint that added cells could contradict
      const custom = /^(1|true)$/.test(getAttribute(text, 's') !== null ? (getAttribute(text, 'customFormat') ?? '') : '');
      const state: RowState<T> = { number: rowNumber, targets: rowTargets ?? [], style: custom ? Number(getAttribute(text, 's')) : null, lastColumn: 0 };
      if (tag.kind === 'empty') {
        const cells = state.targets.map((t) => newCell(t, state.style ?? columnStyle(t.column))).join('');
        if (text !== tagText(xml, tag) || cells) {
          edits.push({
            at: tag.start,
            remove: tag.end - tag.start,
            insert: cells ? `${text.replace(/\s*\/>$/, '>')}${cells}</${qualified(tag.prefix, 'row')}>` : text,
          });
        }
      } else {
        if (text !== tagText(xml, tag)) edits.push({ at: tag.start, remove: tag.end - tag.start, insert: text });
        row = state;
        depth = 1;
      }
      continue;
    }
    if (depth === 1 && row && tag.name === 'c' && tag.kind !== 'close') editCell(xml, tag, row, edits, newCell, columnStyle, restyle);
    else if (depth === 1 && row && tag.name === 'row' && tag.kind === 'close') {
      const rest = row.targets.map((t) => newCell(t, row?.style ?? columnStyle(t.column))).join('');
      if (rest) edits.push({ at: tag.start, remove: 0, insert: rest });
      row = null;
    }
    if (tag.kind === 'open') depth++;
    else if (tag.kind === 'close') depth--;
  }
  const tail = newRows(Infinity);
  if (tail) edits.push({ at: sheetData.close.start, remove: 0, insert: tail });
  return edits;
}

function editCell<T extends CellTarget>(
  xml: string,
  tag: Tag,
  row: RowState<T>,
  edits: Edit[],
  newCell: (t: T, base: number) => string,
  columnStyle: (column: number) => number,
  restyle: Restyle<T>,
): void {
  const original = tagText(xml, tag);
  let text = original;
  const ref = getAttribute(text, 'r');
  const column = (ref ? parseAddress(ref)?.column : undefined) ?? row.lastColumn + 1;
  row.lastColumn = column;
  let inserted = '';
  while (row.targets.length > 0 && (row.targets[0]?.column ?? 0) < column) {
    const t = row.targets.shift() as T;
    inserted += newCell(t, row.style ?? columnStyle(t.column));
  }
  if (inserted) {
    edits.push({ at: tag.start, remove: 0, insert: inserted });
    // A cell without r takes its position from the one before: pin it behind the added cells.
    if (!ref) text = setAttribute(text, 'r', cellAddress(row.number, column));
  }
  const target = row.targets[0];
  if (target?.column === column) {
    row.targets.shift();
    text = setAttribute(text, 's', String(restyle(Number(getAttribute(text, 's') ?? 0) || 0, target)));
  }
  if (text !== original) edits.push({ at: tag.start, remove: tag.end - tag.start, insert: text });
}

/** The format each column gives its empty cells (<col style>), 0 where none. */
function columnStyles(xml: string): (column: number) => number {
  const cols = findElement(xml, 'cols');
  const ranges: { min: number; max: number; style: number }[] = [];
  if (cols?.close) {
    for (const tag of tags(xml, cols.open.end, cols.close.start)) {
      if (tag.name !== 'col' || tag.kind === 'close') continue;
      const text = tagText(xml, tag);
      ranges.push({ min: Number(getAttribute(text, 'min')), max: Number(getAttribute(text, 'max')), style: Number(getAttribute(text, 'style') ?? 0) || 0 });
    }
  }
  return (column) => ranges.find((r) => column >= r.min && column <= r.max)?.style ?? 0;
}

/** Widens the declared used range to the marked cells, as the sheet now holds them. */
function dimensionEdit(xml: string, targets: readonly CellTarget[]): Edit | null {
  const dimension = findElement(xml, 'dimension');
  if (!dimension) return null;
  const open = tagText(xml, dimension.open);
  const range = parseRange(getAttribute(open, 'ref') ?? '');
  if (!range || targets.length === 0) return null;
  for (const t of targets) {
    range.top = Math.min(range.top, t.row);
    range.bottom = Math.max(range.bottom, t.row);
    range.left = Math.min(range.left, t.column);
    range.right = Math.max(range.right, t.column);
  }
  const ref = `${cellAddress(range.top, range.left)}:${cellAddress(range.bottom, range.right)}`;
  const text = setAttribute(open, 'ref', ref);
  return text === open ? null : { at: dimension.open.start, remove: dimension.open.end - dimension.open.start, insert: text };
}
