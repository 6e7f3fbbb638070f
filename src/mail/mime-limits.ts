export interface MimeLimits {
  maxParts: number;
  maxDepth: number;
}

export interface MimeShape {
  parts: number;
  depth: number;
}

const BOUNDARY = /boundary\s*=\s*(?:"([^"\r\n]{1,200})"|([^\s;"]{1,200}))/i;

/**
 * Measures the multipart structure of a raw email by its boundary lines, without parsing it: mail parsers
 * stall on emails with thousands of sibling parts, so the shape is checked before any parser sees it.
 * Stops counting once a limit is passed.
 */
export function measureMimeShape(raw: Buffer, limits: MimeLimits): MimeShape {
  const open: string[] = [];
  let parts = 0;
  let depth = 0;
  for (const line of raw.toString('latin1').split('\n')) {
    if (line.startsWith('--') && open.length > 0) {
      const marker = line.trimEnd();
      const index = open.findLastIndex((boundary) => marker === `--${boundary}` || marker === `--${boundary}--`);
      if (index >= 0) {
        if (marker.endsWith('--') && marker === `--${open[index]}--`) open.length = index;
        else parts += 1;
        if (parts > limits.maxParts) break;
        continue;
      }
    }
    const declared = BOUNDARY.exec(line);
    if (declared) {
      open.push(declared[1] ?? declared[2] ?? '');
      depth = Math.max(depth, open.length);
      if (depth > limits.maxDepth) break;
    }
  }
  return { parts, depth };
}

export function exceedsMimeLimits(shape: MimeShape, limits: MimeLimits): string | null {
  if (shape.parts > limits.maxParts) return `it has more than ${limits.maxParts} MIME parts`;
  if (shape.depth > limits.maxDepth) return `its MIME parts are nested more than ${limits.maxDepth} deep`;
  return null;
}
