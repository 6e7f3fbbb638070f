import { Inflate } from 'fflate';
import { LIMITS } from '../form-schema.js';
import { UnreadableFileError } from './read-errors.js';

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  headerOffset: number;
}

/**
 * Lists a zip's parts from its central directory without decompressing anything, and refuses archives
 * whose declared sizes or compression ratios are those of a zip bomb.
 */
export function listZipEntries(zip: Buffer): Map<string, ZipEntry> {
  const end = findEndOfDirectory(zip);
  const count = zip.readUInt16LE(end + 10);
  const directoryOffset = zip.readUInt32LE(end + 16);
  if (count === 0xffff || directoryOffset === 0xffffffff) throw new UnreadableFileError('FILE_CORRUPT', 'zip64 archive');
  if (count > LIMITS.maxZipEntries) throw new UnreadableFileError('FILE_ZIP_BOMB', `${count} parts`);
  const entries = new Map<string, ZipEntry>();
  let total = 0;
  let at = directoryOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== 0x02014b50) throw new UnreadableFileError('FILE_CORRUPT', 'bad central directory');
    const flags = zip.readUInt16LE(at + 8);
    const nameLength = zip.readUInt16LE(at + 28);
    const entry: ZipEntry = {
      name: zip
        .toString('utf8', at + 46, at + 46 + nameLength)
        .replace(/\\/g, '/')
        .replace(/^\//, ''),
      method: zip.readUInt16LE(at + 10),
      compressedSize: zip.readUInt32LE(at + 20),
      size: zip.readUInt32LE(at + 24),
      headerOffset: zip.readUInt32LE(at + 42),
    };
    if (flags & 1) throw new UnreadableFileError('FILE_ENCRYPTED', 'zip entry encrypted');
    checkEntrySize(entry);
    total += entry.size;
    if (total > LIMITS.maxUncompressedBytes) throw new UnreadableFileError('FILE_ZIP_BOMB', 'total uncompressed size');
    entries.set(entry.name, entry);
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return entries;
}

function checkEntrySize(entry: ZipEntry): void {
  if (entry.size > LIMITS.maxPartBytes) throw new UnreadableFileError('FILE_ZIP_BOMB', `${entry.name} is too large`);
  // Small parts compress oddly well (headers, blank styles), so the ratio only matters for big ones.
  const ratio = entry.size / Math.max(entry.compressedSize, 1);
  if (entry.size > 1_000_000 && ratio > LIMITS.maxCompressionRatio) throw new UnreadableFileError('FILE_ZIP_BOMB', `${entry.name} ratio ${Math.round(ratio)}`);
}

function findEndOfDirectory(zip: Buffer): number {
  const stop = Math.max(0, zip.length - 65_557);
  for (let at = zip.length - 22; at >= stop; at--) {
    if (zip.readUInt32LE(at) === 0x06054b50) return at;
  }
  throw new UnreadableFileError('FILE_CORRUPT', 'no zip directory');
}

/** Decompresses one part, stopping as soon as it yields more than it declared (a lying zip bomb). */
export function readZipEntry(zip: Buffer, entry: ZipEntry): Buffer {
  const at = entry.headerOffset;
  if (at + 30 > zip.length || zip.readUInt32LE(at) !== 0x04034b50) throw new UnreadableFileError('FILE_CORRUPT', `bad header for ${entry.name}`);
  const start = at + 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28);
  const data = zip.subarray(start, start + entry.compressedSize);
  if (data.length < entry.compressedSize) throw new UnreadableFileError('FILE_CORRUPT', `${entry.name} is cut short`);
  if (entry.method === 0) return data;
  if (entry.method !== 8) throw new UnreadableFileError('FILE_CORRUPT', `compression method ${entry.method}`);
  const chunks: Uint8Array[] = [];
  let produced = 0;
  const inflate = new Inflate((chunk) => {
    produced += chunk.length;
    if (produced > entry.size) throw new UnreadableFileError('FILE_ZIP_BOMB', `${entry.name} larger than declared`);
    chunks.push(chunk);
  });
  try {
    for (let offset = 0; offset < data.length; offset += 16_384) {
      inflate.push(data.subarray(offset, offset + 16_384), offset + 16_384 >= data.length);
    }
    if (data.length === 0) inflate.push(new Uint8Array(0), true);
  } catch (error) {
    if (error instanceof UnreadableFileError) throw error;
    throw new UnreadableFileError('FILE_CORRUPT', `${entry.name} does not decompress`);
  }
  return Buffer.concat(chunks);
}

export function readZipText(zip: Buffer, entries: Map<string, ZipEntry>, name: string): string | null {
  const entry = entries.get(name) ?? [...entries.values()].find((e) => e.name.toLowerCase() === name.toLowerCase());
  return entry ? readZipEntry(zip, entry).toString('utf8') : null;
}
