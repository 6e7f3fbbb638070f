import { zipSync, type Zippable } from 'fflate';
import { parseRelationships, relsPathOf, resolvePartPath, type Relationship } from '../read/xlsx-parts.js';
import { parseXml } from '../read/xml-events.js';
import { readZipEntry, type ZipEntry } from '../read/zip-archive.js';
import { appendChildren, applyEdits, escapeXml, findElement, qualified } from './xml-tags.js';

export const RELATIONSHIPS_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';

/**
 * The parts of an xlsx package, each decompressed through the reader's bounded inflate (the archive's
 * sizes were already checked when it was listed). Parts that are never edited are written back as read.
 */
export class PackageParts {
  private readonly parts = new Map<string, Uint8Array>();
  private readonly edited = new Map<string, string>();

  constructor(zip: Buffer, entries: Map<string, ZipEntry>) {
    for (const entry of entries.values()) {
      if (!entry.name.endsWith('/')) this.parts.set(entry.name, readZipEntry(zip, entry));
    }
  }

  /** The stored name of a part; OPC part names compare case-insensitively. */
  find(name: string): string | null {
    if (this.parts.has(name)) return name;
    const lower = name.toLowerCase();
    return [...this.parts.keys()].find((key) => key.toLowerCase() === lower) ?? null;
  }

  /** A part's text, checked as well-formed XML (and free of DOCTYPE) before anything edits it. */
  xml(name: string): string | null {
    const key = this.find(name);
    if (!key) return null;
    const text = this.edited.get(key) ?? Buffer.from(this.parts.get(key) ?? new Uint8Array()).toString('utf8');
    if (!this.edited.has(key)) parseXml(text, {});
    return text;
  }

  /** A part's text without an XML check, for VML, which Excel itself writes as loose HTML-like markup. */
  text(name: string): string | null {
    const key = this.find(name);
    return key ? (this.edited.get(key) ?? Buffer.from(this.parts.get(key) ?? new Uint8Array()).toString('utf8')) : null;
  }

  set(name: string, text: string): void {
    const key = this.find(name) ?? name;
    this.edited.set(key, text);
    if (!this.parts.has(key)) this.parts.set(key, new Uint8Array());
  }

  /** A new part name like xl/comments7.xml, not yet taken. */
  freeName(prefix: string, suffix: string): string {
    for (let n = 1; ; n++) if (!this.find(`${prefix}${n}${suffix}`)) return `${prefix}${n}${suffix}`;
  }

  names(): string[] {
    return [...this.parts.keys()];
  }

  relationships(owner: string): Relationship[] {
    return parseRelationships(this.xml(relsPathOf(owner)));
  }

  /** The part a relationship of the given kind ("comments", "vmlDrawing") points to, if any. */
  target(owner: string, rel: Relationship | undefined): string | null {
    return rel && !rel.external ? this.find(resolvePartPath(owner, rel.target)) : null;
  }

  /** Adds a relationship from `owner` to `part`; returns its id. */
  relate(owner: string, type: string, part: string): string {
    const relsPath = relsPathOf(owner);
    const xml = this.xml(relsPath) ?? `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${RELATIONSHIPS_NS}"></Relationships>`;
    const taken = new Set(parseRelationships(xml).map((r) => r.id));
    let n = taken.size + 1;
    while (taken.has(`rId${n}`)) n++;
    const root = findElement(xml, 'Relationships');
    if (!root) throw new Error(`${relsPath} has no Relationships element`);
    const rel = `<${qualified(root.open.prefix, 'Relationship')} Id="rId${n}" Type="${escapeXml(type)}" Target="${escapeXml(relativeTarget(owner, part))}"/>`;
    this.set(relsPath, applyEdits(xml, [appendChildren(xml, root, rel)]));
    return `rId${n}`;
  }

  toZip(): Uint8Array {
    const files: Zippable = {};
    for (const [name, data] of this.parts) {
      const edited = this.edited.get(name);
      files[name] = edited === undefined ? data : Buffer.from(edited, 'utf8');
    }
    return zipSync(files, { level: 6 });
  }
}

/** A target relative to the owner's folder, as Excel writes them; some readers (exceljs) resolve no other kind. */
function relativeTarget(owner: string, part: string): string {
  const from = owner.split('/').slice(0, -1);
  const to = part.split('/');
  let shared = 0;
  while (shared < from.length && shared < to.length - 1 && from[shared] === to[shared]) shared++;
  return [...from.slice(shared).map(() => '..'), ...to.slice(shared)].join('/');
}
