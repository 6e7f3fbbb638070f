import type { PackageParts } from './package-parts.js';
import { appendChildren, applyEdits, escapeXml, findElement, getAttribute, qualified, tags, tagText } from './xml-tags.js';

const PATH = '[Content_Types].xml';

export const CONTENT_TYPES = {
  worksheet: 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml',
  comments: 'application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml',
  styles: 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml',
  vml: 'application/vnd.openxmlformats-officedocument.vmlDrawing',
} as const;

/** Declares a new part's content type: by its extension's Default when it has none, else by an Override. */
export function declarePart(parts: PackageParts, part: string, contentType: string): void {
  const xml = parts.xml(PATH);
  const root = xml ? findElement(xml, 'Types') : null;
  if (!xml || !root) throw new Error('package without content types');
  const extension = part.slice(part.lastIndexOf('.') + 1).toLowerCase();
  let defaultType: string | null = null;
  for (const tag of tags(xml)) {
    if (tag.name !== 'Default' || tag.kind === 'close') continue;
    const text = tagText(xml, tag);
    if (getAttribute(text, 'Extension')?.toLowerCase() === extension) defaultType = getAttribute(text, 'ContentType');
  }
  if (defaultType === contentType) return;
  // VML has no Override habit in the wild; an extension Default is what Excel writes for it.
  const entry =
    defaultType === null && extension === 'vml'
      ? `<${qualified(root.open.prefix, 'Default')} Extension="vml" ContentType="${contentType}"/>`
      : `<${qualified(root.open.prefix, 'Override')} PartName="/${escapeXml(part)}" ContentType="${contentType}"/>`;
  parts.set(PATH, applyEdits(xml, [appendChildren(xml, root, entry)]));
}
