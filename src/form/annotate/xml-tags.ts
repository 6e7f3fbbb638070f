/**
 * Finds tags in an XML part by offset, so a part can be edited in place: everything not edited stays
 * byte for byte as its producer wrote it. Only for parts already checked as well-formed by parseXml.
 */
export interface Tag {
  /** Local name, without any namespace prefix. */
  name: string;
  prefix: string;
  kind: 'open' | 'close' | 'empty';
  start: number;
  end: number;
}

export interface Element {
  open: Tag;
  /** The close tag; null for an empty element (<x/>). */
  close: Tag | null;
  start: number;
  end: number;
}

// Comments, CDATA and processing instructions are matched (and skipped) so a "<" inside them is not a tag.
const TAG = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<(\/?)(?:([\w.-]+):)?([\w.-]+)(?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*\s*(\/?)>/g;

export function* tags(xml: string, from = 0, to = xml.length): Generator<Tag> {
  const pattern = new RegExp(TAG.source, 'g');
  pattern.lastIndex = from;
  for (let m = pattern.exec(xml); m && m.index < to; m = pattern.exec(xml)) {
    if (m[3] === undefined) continue;
    const kind = m[1] ? 'close' : m[4] ? 'empty' : 'open';
    yield { name: m[3], prefix: m[2] ?? '', kind, start: m.index, end: m.index + m[0].length };
  }
}

/** The first element with this local name at or after `from`, with its close tag. */
export function findElement(xml: string, name: string, from = 0, to = xml.length): Element | null {
  let open: Tag | null = null;
  let depth = 0;
  for (const tag of tags(xml, from, to)) {
    if (!open) {
      if (tag.name !== name || tag.kind === 'close') continue;
      if (tag.kind === 'empty') return { open: tag, close: null, start: tag.start, end: tag.end };
      open = tag;
      continue;
    }
    if (tag.name !== name) continue;
    if (tag.kind === 'open') depth++;
    else if (tag.kind === 'close' && depth-- === 0) return { open, close: tag, start: open.start, end: tag.end };
  }
  return null;
}

/** The elements directly inside one. */
export function childElements(xml: string, parent: Element): Element[] {
  const children: Element[] = [];
  if (!parent.close) return children;
  let open: Tag | null = null;
  let depth = 0;
  for (const tag of tags(xml, parent.open.end, parent.close.start)) {
    if (tag.kind === 'empty' && depth === 0) children.push({ open: tag, close: null, start: tag.start, end: tag.end });
    else if (tag.kind === 'open' && depth++ === 0) open = tag;
    else if (tag.kind === 'close' && --depth === 0 && open) children.push({ open, close: tag, start: open.start, end: tag.end });
  }
  return children;
}

export const tagText = (xml: string, tag: Tag): string => xml.slice(tag.start, tag.end);

/** An unprefixed attribute's value (or one with the given prefix, such as "r:id"), unescaped. */
export function getAttribute(tag: string, name: string): string | null {
  const m = new RegExp(`\\s${name.replace(/[.:]/g, '\\$&')}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(tag);
  return m ? unescapeXml(m[1] ?? m[2] ?? '') : null;
}

/** Sets (or adds) an attribute on a start tag's text; `null` removes it. */
export function setAttribute(tag: string, name: string, value: string | null): string {
  const pattern = new RegExp(`\\s${name.replace(/[.:]/g, '\\$&')}\\s*=\\s*(?:"[^"]*"|'[^']*')`);
  const attribute = value === null ? '' : ` ${name}="${escapeXml(value)}"`;
  if (pattern.test(tag)) return tag.replace(pattern, attribute);
  if (value === null) return tag;
  const close = tag.endsWith('/>') ? 2 : 1;
  return tag.slice(0, tag.length - close).replace(/\s+$/, '') + attribute + tag.slice(tag.length - close);
}

// Characters XML 1.0 cannot hold at all; sender text quoted in a message could carry them.
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function escapeXml(text: string): string {
  return text.replace(NOT_XML, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function unescapeXml(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/gi, (whole, code: string) => {
    const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
    if (named[code]) return named[code] ?? whole;
    const n = code[1]?.toLowerCase() === 'x' ? parseInt(code.slice(2), 16) : parseInt(code.slice(1), 10);
    return Number.isFinite(n) ? String.fromCodePoint(n) : whole;
  });
}

/** A name with the same prefix as a neighbouring tag, so added elements match the part's own spelling. */
export const qualified = (prefix: string, name: string): string => (prefix ? `${prefix}:${name}` : name);

export interface Edit {
  at: number;
  remove: number;
  insert: string;
}

/** Applies non-overlapping edits; those at the same offset keep the order they were given in. */
export function applyEdits(xml: string, edits: readonly Edit[]): string {
  const sorted = edits.map((edit, i) => ({ edit, i })).sort((a, b) => a.edit.at - b.edit.at || a.i - b.i);
  const pieces: string[] = [];
  let at = 0;
  for (const { edit } of sorted) {
    if (edit.at < at) throw new Error('overlapping XML edits');
    pieces.push(xml.slice(at, edit.at), edit.insert);
    at = edit.at + edit.remove;
  }
  pieces.push(xml.slice(at));
  return pieces.join('');
}

/** Appends children to a container element, turning <x/> into <x>…</x> when needed. */
export function appendChildren(xml: string, container: Element, children: string): Edit {
  if (container.close) return { at: container.close.start, remove: 0, insert: children };
  const open = tagText(xml, container.open).replace(/\s*\/>$/, '>');
  return {
    at: container.start,
    remove: container.end - container.start,
    insert: `${open}${children}</${qualified(container.open.prefix, container.open.name)}>`,
  };
}

/** An r:id attribute, using the root's own prefix for the relationships namespace or declaring one. */
export function relationshipId(rootTag: string, namespace: string, id: string): string {
  const declared = new RegExp(`\\sxmlns:([\\w.-]+)\\s*=\\s*"${namespace.replace(/[.]/g, '\\.')}"`).exec(rootTag)?.[1];
  return declared ? `${declared}:id="${id}"` : `xmlns:r="${namespace}" r:id="${id}"`;
}
