import { applyEdits, childElements, findElement, qualified, setAttribute, tagText, type Edit, type Element } from './xml-tags.js';

// A bare stylesheet for the rare producer that writes none; Excel needs the two reserved fills.
export const MINIMAL_STYLES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';

interface List {
  element: Element;
  items: Element[];
  added: string[];
}

/**
 * Adds cell formats to a styles part without touching the existing ones. Cells share a format by index,
 * so a marked cell gets a copy of its own format with a new fill: every other cell keeps its look.
 */
export class StyleSheet {
  private readonly fills: List;
  private readonly fonts: List;
  private readonly cellXfs: List;
  private readonly memo = new Map<string, number>();

  constructor(private readonly xml: string) {
    this.fills = this.list('fills');
    this.fonts = this.list('fonts');
    this.cellXfs = this.list('cellXfs');
  }

  /** The index of a format like `original` but filled with an ARGB colour. */
  withFill(original: number, argb: string): number {
    const key = `${original}/${argb}`;
    const known = this.memo.get(key);
    if (known !== undefined) return known;
    const p = this.fills.element.open.prefix;
    const fill =
      `<${qualified(p, 'fill')}><${qualified(p, 'patternFill')} patternType="solid"><${qualified(p, 'fgColor')} rgb="${argb}"/>` +
      `<${qualified(p, 'bgColor')} indexed="64"/></${qualified(p, 'patternFill')}></${qualified(p, 'fill')}>`;
    const fillId = this.add(this.fills, fill);
    const index = this.add(this.cellXfs, this.derive(original, { fillId: String(fillId), applyFill: '1' }));
    this.memo.set(key, index);
    return index;
  }

  /** The index of a bold format, for the header of the problems tab. */
  bold(): number {
    const known = this.memo.get('bold');
    if (known !== undefined) return known;
    const p = this.fonts.element.open.prefix;
    const fontId = this.add(this.fonts, `<${qualified(p, 'font')}><${qualified(p, 'b')}/><${qualified(p, 'sz')} val="11"/></${qualified(p, 'font')}>`);
    const index = this.add(this.cellXfs, this.derive(0, { fontId: String(fontId), applyFont: '1' }));
    this.memo.set('bold', index);
    return index;
  }

  toXml(): string {
    const edits: Edit[] = [];
    for (const { element, items, added } of [this.fonts, this.fills, this.cellXfs]) {
      if (added.length === 0) continue;
      const open = setAttribute(tagText(this.xml, element.open), 'count', String(items.length + added.length));
      if (element.close) {
        edits.push({ at: element.open.start, remove: element.open.end - element.open.start, insert: open });
        edits.push({ at: element.close.start, remove: 0, insert: added.join('') });
      } else {
        const close = `</${qualified(element.open.prefix, element.open.name)}>`;
        edits.push({ at: element.start, remove: element.end - element.start, insert: open.replace(/\s*\/>$/, '>') + added.join('') + close });
      }
    }
    return applyEdits(this.xml, edits);
  }

  private list(name: string): List {
    const element = findElement(this.xml, name);
    if (!element) throw new Error(`styles without ${name}`);
    return { element, items: childElements(this.xml, element), added: [] };
  }

  private add(list: List, xml: string): number {
    list.added.push(xml);
    return list.items.length + list.added.length - 1;
  }

  /** A copy of an existing cell format (or a plain one when the index is dangling) with some attributes changed. */
  private derive(original: number, changes: Record<string, string>): string {
    const source = this.cellXfs.items[original] ?? this.cellXfs.items[0];
    const p = this.cellXfs.element.open.prefix;
    let xml = source ? this.xml.slice(source.start, source.end) : `<${qualified(p, 'xf')} numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`;
    const openEnd = xml.indexOf('>') + 1;
    let open = xml.slice(0, openEnd);
    for (const [name, value] of Object.entries(changes)) open = setAttribute(open, name, value);
    xml = open + xml.slice(openEnd);
    return xml;
  }
}
