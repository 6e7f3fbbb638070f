import { cellAddress, parseAddress } from '../read/grid.js';
import { appendChildren, applyEdits, childElements, escapeXml, findElement, getAttribute, qualified, setAttribute, tagText, type Edit } from './xml-tags.js';

export interface Note {
  row: number;
  column: number;
  text: string;
}

export const NOTE_AUTHOR = 'Onboarding check';

export function newCommentsPart(notes: readonly Note[]): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors><author>${NOTE_AUTHOR}</author></authors>` +
    `<commentList>${notes.map((n) => comment('', n, 0)).join('')}</commentList></comments>`
  );
}

/**
 * Adds notes to an existing comments part, keeping the firm's own: a cell that already has a note gets
 * the finding appended to it. Returns the new part and the cells of every comment now in it.
 */
export function addToCommentsPart(xml: string, notes: readonly Note[]): { xml: string; added: Note[]; all: Note[] } {
  const root = findElement(xml, 'comments');
  const list = findElement(xml, 'commentList');
  const authors = findElement(xml, 'authors');
  if (!root || !list) throw new Error('comments part without commentList');
  const existing = new Map<string, { start: number; end: number; textElement: ReturnType<typeof findElement> }>();
  const all: Note[] = [];
  for (const item of childElements(xml, list)) {
    const ref = getAttribute(tagText(xml, item.open), 'ref')?.toUpperCase() ?? '';
    const at = parseAddress(ref);
    if (at) all.push({ ...at, text: '' });
    existing.set(ref, { start: item.start, end: item.end, textElement: findElement(xml, 'text', item.start, item.end) });
  }
  const p = root.open.prefix;
  const edits: Edit[] = [];
  const added: Note[] = [];
  let authorId = authors ? childElements(xml, authors).length : 0;
  if (authors) edits.push(appendChildren(xml, authors, `<${qualified(p, 'author')}>${NOTE_AUTHOR}</${qualified(p, 'author')}>`));
  else {
    edits.push({
      at: list.start,
      remove: 0,
      insert: `<${qualified(p, 'authors')}><${qualified(p, 'author')}>${NOTE_AUTHOR}</${qualified(p, 'author')}></${qualified(p, 'authors')}>`,
    });
    authorId = 0;
  }
  const newComments: string[] = [];
  for (const note of notes) {
    const own = existing.get(cellAddress(note.row, note.column));
    if (own?.textElement) edits.push(appendText(xml, own.textElement, note.text, p));
    else if (!own) {
      newComments.push(comment(p, note, authorId));
      added.push(note);
      all.push(note);
    }
  }
  if (newComments.length > 0) edits.push(appendChildren(xml, list, newComments.join('')));
  return { xml: applyEdits(xml, edits), added, all };
}

function comment(prefix: string, note: Note, authorId: number): string {
  const q = (name: string): string => qualified(prefix, name);
  return `<${q('comment')} ref="${cellAddress(note.row, note.column)}" authorId="${authorId}"><${q('text')}>${run(prefix, note.text)}</${q('text')}></${q('comment')}>`;
}

// Excel's own notes are 9pt Tahoma; rPr keeps ours looking like theirs.
function run(prefix: string, text: string): string {
  const q = (name: string): string => qualified(prefix, name);
  return `<${q('r')}><${q('rPr')}><${q('sz')} val="9"/><${q('rFont')} val="Tahoma"/></${q('rPr')}><${q('t')} xml:space="preserve">${escapeXml(text)}</${q('t')}></${q('r')}>`;
}

/** The finding after the firm's own words: a new run after the last one, or more text in a plain <t>. */
function appendText(xml: string, text: NonNullable<ReturnType<typeof findElement>>, addition: string, prefix: string): Edit {
  const children = childElements(xml, text);
  const runs = children.filter((c) => c.open.name === 'r');
  const lastRun = runs[runs.length - 1];
  if (lastRun) return { at: lastRun.end, remove: 0, insert: run(prefix, `\n\n${addition}`) };
  const plain = children.find((c) => c.open.name === 't');
  if (plain?.close) {
    const open = setAttribute(tagText(xml, plain.open), 'xml:space', 'preserve');
    return {
      at: plain.start,
      remove: plain.close.start - plain.start,
      insert: open + xml.slice(plain.open.end, plain.close.start) + escapeXml(`\n\n${addition}`),
    };
  }
  if (plain)
    return {
      at: plain.start,
      remove: plain.end - plain.start,
      insert: `<${qualified(plain.open.prefix, 't')} xml:space="preserve">${escapeXml(addition)}</${qualified(plain.open.prefix, 't')}>`,
    };
  return appendChildren(xml, text, run(prefix, addition));
}
