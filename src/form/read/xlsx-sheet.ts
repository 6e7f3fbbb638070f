import { LIMITS } from '../form-schema.js';
import { parseAddress, parseRange, type Cell, type Sheet } from './grid.js';
import { decodeEscapes } from './xlsx-parts.js';
import { parseXml } from './xml-events.js';

export interface SheetContext {
  sharedStrings: string[];
  dateStyles: boolean[];
  /** Relationship id → hyperlink target, from the sheet's own .rels part. */
  links: Map<string, string>;
}

/** Excel shows whole numbers without exponent or ".0"; a phone number stored as a number must read the same. */
export function numberText(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e21) return value.toFixed(0);
  return String(Number(value.toPrecision(15)));
}

/** One worksheet part to a Sheet: values, cached formula results, merges and hyperlinks. */
export function parseSheet(name: string, xml: string, context: SheetContext): Sheet {
  const sheet: Sheet = { name, rows: new Map(), merges: [] };
  let row = 0;
  let column = 0;
  let type = '';
  let style = 0;
  let value = '';
  let inline = '';
  let capture: 'v' | 't' | null = null;
  let phonetic = 0;
  const links: { ref: string; target: string }[] = [];

  const store = (): void => {
    const cell = makeCell(type, value, inline, context, style);
    if (!cell || row > LIMITS.maxRows || column > LIMITS.maxColumns) return;
    let cells = sheet.rows.get(row);
    if (!cells) sheet.rows.set(row, (cells = new Map()));
    cells.set(column, cell);
  };

  parseXml(xml, {
    open(tag, a) {
      if (tag === 'row') {
        row = a.r ? Number(a.r) : row + 1;
        column = 0;
      } else if (tag === 'c') {
        const at = a.r ? parseAddress(a.r) : null;
        if (at) row = at.row;
        column = at ? at.column : column + 1;
        type = a.t ?? 'n';
        style = Number(a.s ?? 0);
        value = '';
        inline = '';
      } else if (tag === 'v') capture = 'v';
      else if (tag === 't' && phonetic === 0) capture = 't';
      else if (tag === 'rPh') phonetic++;
      else if (tag === 'mergeCell' && a.ref) {
        const range = parseRange(a.ref);
        if (range) sheet.merges.push(range);
      } else if (tag === 'hyperlink' && a.ref) {
        const target = a.id ? context.links.get(a.id) : undefined;
        if (target) links.push({ ref: a.ref, target });
      }
    },
    close(tag) {
      if (tag === 'c') store();
      else if (tag === 'v' || tag === 't') capture = null;
      else if (tag === 'rPh') phonetic--;
    },
    text(text) {
      if (capture === 'v') value += text;
      else if (capture === 't') inline += text;
    },
  });
  for (const link of links) attachLink(sheet, link.ref, link.target);
  return sheet;
}

function makeCell(type: string, value: string, inline: string, context: SheetContext, style: number): Cell | null {
  const plain = (text: string): Cell => ({ text: text.slice(0, LIMITS.maxCellChars), number: null, isDate: false, hyperlink: null });
  switch (type) {
    case 's': {
      const text = value.trim() === '' ? undefined : context.sharedStrings[Number(value)];
      return text === undefined ? null : plain(text);
    }
    case 'inlineStr':
      return plain(decodeEscapes(inline));
    case 'str':
      return plain(decodeEscapes(value));
    case 'b':
      return value === '' ? null : plain(value === '1' ? 'TRUE' : 'FALSE');
    case 'e':
      return null; // #N/A, #REF!: a broken formula holds no answer
    case 'd':
      return value === '' ? null : { ...plain(value), isDate: true };
    default: {
      if (value.trim() === '') return inline ? plain(inline) : null;
      const number = Number(value);
      if (!Number.isFinite(number)) return plain(value);
      return { text: numberText(number), number, isDate: context.dateStyles[style] ?? false, hyperlink: null };
    }
  }
}

function attachLink(sheet: Sheet, ref: string, target: string): void {
  const range = parseRange(ref);
  if (!range) return;
  const cell = sheet.rows.get(range.top)?.get(range.left);
  if (cell) cell.hyperlink = target.slice(0, LIMITS.maxCellChars);
}
