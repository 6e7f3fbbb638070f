/**
 * The legacy VML drawing that Excel needs beside a comments part: one hidden text box per note, saying
 * where the note pops up. VML is loose markup (Excel writes unclosed <br> in it), so it is edited as text.
 */
// Each added element declares its own prefixes: openpyxl, for one, writes VML with ns0:, ns1: prefixes.
const NAMESPACES = 'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel"';
const IDMAP = /<(?:[\w.-]+:)?idmap\b[^>]*\bdata="([^"]*)"/g;
const SHAPE_TYPE =
  `<v:shapetype ${NAMESPACES} id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">` +
  '<v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>';

export interface Anchor {
  row: number;
  column: number;
}

// Shape ids come in blocks of 1024 per drawing, declared by o:idmap; ids must not clash across the workbook.
const BLOCK = 1024;

export function newVmlDrawing(cells: readonly Anchor[], otherDrawings: readonly string[]): string {
  const used = otherDrawings.flatMap((vml) => [...vml.matchAll(IDMAP)].flatMap((m) => (m[1] ?? '').split(/[\s,]+/).map(Number)));
  const first = Math.max(0, ...used.filter(Number.isFinite)) + 1;
  const blocks = Array.from({ length: Math.ceil((cells.length + 1) / (BLOCK - 1)) }, (_, i) => first + i);
  const shapes = cells.map((cell, i) => shape(first * BLOCK + 1 + i, cell)).join('');
  return `<xml ${NAMESPACES}>` + `<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${blocks.join(',')}"/></o:shapelayout>${SHAPE_TYPE}${shapes}</xml>`;
}

/** Adds one shape per new note to the sheet's existing drawing, after the shapes already there. */
export function addToVmlDrawing(vml: string, cells: readonly Anchor[]): string {
  const close = vml.lastIndexOf('</xml>');
  if (close < 0) throw new Error('VML drawing without its root');
  const ids = [...vml.matchAll(/_x0000_s(\d+)/g)].map((m) => Number(m[1]));
  const block = Number(/\d+/.exec(new RegExp(IDMAP.source).exec(vml)?.[1] ?? '')?.[0] ?? 1);
  const next = ids.length > 0 ? Math.max(...ids) + 1 : block * BLOCK + 1;
  const type = vml.includes('"_x0000_t202"') ? '' : SHAPE_TYPE;
  return vml.slice(0, close) + type + cells.map((cell, i) => shape(next + i, cell)).join('') + vml.slice(close);
}

function shape(id: number, { row, column }: Anchor): string {
  // The anchor (column, offset, row, offset for two corners, zero-based) puts the box up and right of the cell.
  const anchor = [column, 15, Math.max(row - 2, 0), 10, column + 3, 15, row + 3, 4].join(', ');
  return (
    `<v:shape ${NAMESPACES} id="_x0000_s${id}" type="#_x0000_t202" style="position:absolute;margin-left:59.25pt;margin-top:1.5pt;width:216pt;height:80pt;z-index:${id % BLOCK};visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">` +
    '<v:fill color2="#ffffe1"/><v:shadow color="black" obscured="t"/><v:path o:connecttype="none"/>' +
    '<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>' +
    `<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>${anchor}</x:Anchor><x:AutoFill>False</x:AutoFill>` +
    `<x:Row>${row - 1}</x:Row><x:Column>${column - 1}</x:Column></x:ClientData></v:shape>`
  );
}
