import { unzipSync } from 'fflate';
import { columnLetters, parseAddress } from '../read/grid.js';
import { parseRelationships, parseWorkbook, relsPathOf, resolvePartPath } from '../read/xlsx-parts.js';
import { parseXml } from '../read/xml-events.js';

/** What a test compares of an xlsx before and after annotation, read with the reader's own XML parser. */
export interface CellSnapshot {
  style: number;
  /** Everything about the cell but its format: type, formula and value. */
  content: string;
}

export interface SheetSnapshot {
  part: string;
  cells: Map<string, CellSnapshot>;
  notes: Map<string, string>;
  /** Raw XML of what annotation must leave alone. */
  kept: { validations: string; columns: string; merges: string; conditional: string };
}

export interface XfSnapshot {
  attributes: Record<string, string>;
  inner: string;
}

export interface WorkbookSnapshot {
  sheetNames: string[];
  sheets: Map<string, SheetSnapshot>;
  xfs: XfSnapshot[];
  fills: (string | null)[];
  numFmts: string;
}

const text = (parts: Record<string, Uint8Array>, name: string): string | null => {
  const key = Object.keys(parts).find((k) => k.toLowerCase() === name.toLowerCase());
  return key ? Buffer.from(parts[key] ?? new Uint8Array()).toString('utf8') : null;
};
const raw = (xml: string, name: string): string => new RegExp(`<(?:\\w+:)?${name}\\b[\\s\\S]*?</(?:\\w+:)?${name}>`).exec(xml)?.[0] ?? '';

export function snapshot(xlsx: Uint8Array): WorkbookSnapshot {
  const parts = unzipSync(xlsx);
  const office = parseRelationships(text(parts, '_rels/.rels')).find((r) => r.type.endsWith('/officeDocument'));
  const workbookPart = office ? resolvePartPath('', office.target) : 'xl/workbook.xml';
  const { sheets } = parseWorkbook(text(parts, workbookPart) ?? '');
  const rels = parseRelationships(text(parts, relsPathOf(workbookPart)));
  const snap: WorkbookSnapshot = { sheetNames: sheets.map((s) => s.name), sheets: new Map(), xfs: [], fills: [], numFmts: '' };
  for (const sheet of sheets) {
    const rel = rels.find((r) => r.id === sheet.relId);
    if (!rel?.type.endsWith('/worksheet')) continue;
    const part = resolvePartPath(workbookPart, rel.target);
    snap.sheets.set(sheet.name, sheetSnapshot(parts, part));
  }
  const stylesRel = rels.find((r) => r.type.endsWith('/styles'));
  const styles = stylesRel ? (text(parts, resolvePartPath(workbookPart, stylesRel.target)) ?? '') : '';
  readStyles(styles, snap);
  return snap;
}

function sheetSnapshot(parts: Record<string, Uint8Array>, part: string): SheetSnapshot {
  const xml = text(parts, part) ?? '';
  const cells = new Map<string, CellSnapshot>();
  let row = 0;
  let column = 0;
  let current: { ref: string; style: number; content: string } | null = null;
  parseXml(xml, {
    open(name, a) {
      if (name === 'row') {
        row = a.r ? Number(a.r) : row + 1;
        column = 0;
      }
      if (name === 'c') {
        column = (a.r ? parseAddress(a.r)?.column : undefined) ?? column + 1;
        current = { ref: a.r ?? `${columnLetters(column)}${row}`, style: Number(a.s ?? 0), content: `t=${a.t ?? ''}` };
      } else if (current) current.content += `<${name} ${JSON.stringify(a)}>`;
    },
    text(value) {
      if (current) current.content += value;
    },
    close(name) {
      if (name === 'c' && current) {
        cells.set(current.ref, { style: current.style, content: current.content });
        current = null;
      }
    },
  });
  const notes = new Map<string, string>();
  const comments = parseRelationships(text(parts, relsPathOf(part))).find((r) => r.type.endsWith('/comments'));
  if (comments) {
    let ref = '';
    parseXml(text(parts, resolvePartPath(part, comments.target)) ?? '', {
      open(name, a) {
        if (name === 'comment') {
          ref = a.ref ?? '';
          notes.set(ref, '');
        }
      },
      text(value) {
        if (ref) notes.set(ref, (notes.get(ref) ?? '') + value);
      },
      close(name) {
        if (name === 'comment') ref = '';
      },
    });
  }
  const kept = {
    validations: raw(xml, 'dataValidations'),
    columns: raw(xml, 'cols'),
    merges: raw(xml, 'mergeCells'),
    conditional: raw(xml, 'conditionalFormatting'),
  };
  return { part, cells, notes, kept };
}

function readStyles(xml: string, snap: WorkbookSnapshot): void {
  if (!xml) return;
  snap.numFmts = raw(xml, 'numFmts');
  let where = '';
  let xf: XfSnapshot | null = null;
  let fill: string | null | undefined;
  parseXml(xml, {
    open(name, a) {
      if (name === 'cellXfs' || name === 'fills') where = name;
      else if (where === 'cellXfs' && name === 'xf') xf = { attributes: a, inner: '' };
      else if (xf) xf.inner += `<${name} ${JSON.stringify(a)}>`;
      else if (where === 'fills' && name === 'fill') fill = null;
      else if (where === 'fills' && name === 'fgColor' && fill === null) fill = a.rgb ?? null;
    },
    close(name) {
      if (name === 'cellXfs' || name === 'fills') where = '';
      else if (name === 'xf' && xf && where === 'cellXfs') {
        snap.xfs.push(xf);
        xf = null;
      } else if (name === 'fill' && fill !== undefined) {
        snap.fills.push(fill);
        fill = undefined;
      }
    },
  });
}

/** The solid fill colour a cell format shows, if any. */
export const fillColour = (snap: WorkbookSnapshot, style: number): string | null => snap.fills[Number(snap.xfs[style]?.attributes.fillId ?? 0)] ?? null;
