import { unzipSync, zipSync, type Zippable } from 'fflate';

/** Rewrites parts of an xlsx package, for tests that need hostile or unusual archives. */
export function replaceParts(xlsx: Buffer, changes: Record<string, string | Uint8Array | null>): Buffer {
  const parts: Zippable = unzipSync(xlsx);
  for (const [name, content] of Object.entries(changes)) {
    if (content === null) delete parts[name];
    else parts[name] = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  }
  return Buffer.from(zipSync(parts));
}

/** Makes a part claim a smaller uncompressed size than it really has, as a deceptive zip bomb does. */
export function understateSize(zip: Buffer, name: string, size: number): Buffer {
  const copy = Buffer.from(zip);
  const nameBytes = Buffer.from(name, 'utf8');
  for (let at = 0; at < copy.length - 46; at++) {
    const signature = copy.readUInt32LE(at);
    if (signature === 0x02014b50 && copy.subarray(at + 46, at + 46 + nameBytes.length).equals(nameBytes)) copy.writeUInt32LE(size, at + 24);
    if (signature === 0x04034b50 && copy.subarray(at + 30, at + 30 + nameBytes.length).equals(nameBytes)) copy.writeUInt32LE(size, at + 22);
  }
  return copy;
}
