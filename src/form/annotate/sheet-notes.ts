import { addToCommentsPart, newCommentsPart, type Note } from './comments-part.js';
import { CONTENT_TYPES, declarePart } from './content-types.js';
import type { PackageParts } from './package-parts.js';
import { addToVmlDrawing, newVmlDrawing } from './vml-drawing.js';
import { childElements, findElement, qualified, relationshipId, tagText, type Edit } from './xml-tags.js';

// Children of a worksheet that come after legacyDrawing in the schema's fixed order.
const AFTER_LEGACY_DRAWING = new Set([
  'legacyDrawingHF',
  'drawingHF',
  'picture',
  'oleObjects',
  'controls',
  'webPublishItems',
  'tableParts',
  'extLst',
  'AlternateContent',
]);

/**
 * Puts each note in the sheet's comments part, wherever its producer stored it (found through the sheet's
 * relationships), or in a new one, with the VML drawing Excel needs to show them. Returns the sheet edits.
 * `relationshipBase` is the package's relationship namespace (transitional or strict).
 */
export function addNotes(parts: PackageParts, sheetPart: string, sheetXml: string, notes: readonly Note[], relationshipBase: string): Edit[] {
  const rels = parts.relationships(sheetPart);
  const commentsPart = parts.target(
    sheetPart,
    rels.find((r) => r.type.endsWith('/comments')),
  );
  const legacy = findElement(sheetXml, 'legacyDrawing');
  const legacyId = legacy ? /\s(?:[\w.-]+:)?id\s*=\s*"([^"]*)"/.exec(tagText(sheetXml, legacy.open))?.[1] : undefined;
  const vmlPart = parts.target(
    sheetPart,
    rels.find((r) => r.id === legacyId),
  );
  // A second comments or legacyDrawing reference would make the sheet invalid; give up rather than guess.
  if ((legacy && !vmlPart) || (!commentsPart && rels.some((r) => r.type.endsWith('/comments')))) throw new Error('dangling note parts');

  let added: readonly Note[] = notes;
  let all: readonly Note[] = notes;
  if (commentsPart) {
    const result = addToCommentsPart(parts.xml(commentsPart) ?? '', notes);
    parts.set(commentsPart, result.xml);
    ({ added, all } = result);
  } else {
    const part = parts.freeName('xl/comments', '.xml');
    parts.set(part, newCommentsPart(notes));
    declarePart(parts, part, CONTENT_TYPES.comments);
    parts.relate(sheetPart, `${relationshipBase}/comments`, part);
  }

  if (vmlPart) {
    parts.set(vmlPart, addToVmlDrawing(parts.text(vmlPart) ?? '', added));
    return [];
  }
  const others = parts
    .names()
    .filter((name) => name.toLowerCase().endsWith('.vml'))
    .map((name) => parts.text(name) ?? '');
  const part = parts.freeName('xl/drawings/vmlDrawing', '.vml');
  parts.set(part, newVmlDrawing(all, others));
  declarePart(parts, part, CONTENT_TYPES.vml);
  const id = parts.relate(sheetPart, `${relationshipBase}/vmlDrawing`, part);
  return [legacyDrawingEdit(sheetXml, id, relationshipBase)];
}

/** A legacyDrawing element in its place in the schema's order. */
function legacyDrawingEdit(xml: string, id: string, relationshipBase: string): Edit {
  const root = findElement(xml, 'worksheet');
  if (!root?.close) throw new Error('worksheet without a body');
  const children = childElements(xml, root);
  const sheetData = children.findIndex((c) => c.open.name === 'sheetData');
  const next = children.slice(sheetData + 1).find((c) => AFTER_LEGACY_DRAWING.has(c.open.name));
  const element = `<${qualified(root.open.prefix, 'legacyDrawing')} ${relationshipId(tagText(xml, root.open), relationshipBase, id)}/>`;
  return { at: next ? next.start : root.close.start, remove: 0, insert: element };
}
