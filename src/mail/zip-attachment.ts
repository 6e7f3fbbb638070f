import type { Readable } from 'node:stream';
import yauzl, { type Entry, type ZipFile } from 'yauzl';

export interface ZipLimits {
  maxEntries: number;
  maxEntryBytes: number;
  maxTotalBytes: number;
  /** Uncompressed size over compressed size, checked on entries over `ratioFloorBytes`. */
  maxRatio: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 50,
  maxEntryBytes: 10 * 1024 * 1024,
  maxTotalBytes: 50 * 1024 * 1024,
  maxRatio: 100,
};

// Tiny files compress oddly well (blank CSV rows, empty sheets), so only big ones are judged by ratio.
const RATIO_FLOOR_BYTES = 256 * 1024;

export type ZipProblem = 'TOO_MANY_ENTRIES' | 'TOO_LARGE' | 'ENCRYPTED' | 'UNREADABLE';

export interface ZipContents {
  /** Every file in the archive except folders and macOS resource forks. */
  names: string[];
  /** The files `wanted` asked for, decompressed. */
  files: { name: string; content: Buffer }[];
}

export type ZipReadResult = { ok: true; contents: ZipContents } | { ok: false; problem: ZipProblem };

class ZipLimitError extends Error {
  constructor(readonly problem: ZipProblem) {
    super(problem);
  }
}

function isClutter(name: string): boolean {
  return name.endsWith('/') || name.startsWith('__MACOSX/') || /(^|\/)(\._[^/]*|\.DS_Store|Thumbs\.db)$/i.test(name);
}

function entryName(entry: Entry): string {
  // Strings are decoded here rather than by yauzl, which rejects a whole archive over one odd path; paths
  // do not matter to us because nothing is written to disk.
  return yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, false);
}

function checkEntry(entry: Entry, limits: ZipLimits): void {
  if (entry.uncompressedSize > limits.maxEntryBytes) throw new ZipLimitError('TOO_LARGE');
  const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
  if (entry.uncompressedSize > RATIO_FLOOR_BYTES && ratio > limits.maxRatio) throw new ZipLimitError('TOO_LARGE');
}

function openZip(zip: Buffer): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    // validateEntrySizes makes yauzl stop a stream that yields more than its entry declared (a lying bomb).
    yauzl.fromBuffer(zip, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true }, (error, zipFile) =>
      error ? reject(error) : resolve(zipFile),
    );
  });
}

function readStream(zipFile: ZipFile, entry: Entry): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    zipFile.openReadStream(entry, (error: Error | null, stream: Readable) => {
      if (error) return reject(error);
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', reject);
      stream.on('end', () => resolve(Buffer.concat(chunks)));
    });
  });
}

function nextEntry(zipFile: ZipFile): Promise<Entry | null> {
  return new Promise((resolve, reject) => {
    const cleanup = () => zipFile.removeAllListeners('entry').removeAllListeners('end').removeAllListeners('error');
    zipFile.once('entry', (entry: Entry) => (cleanup(), resolve(entry)));
    zipFile.once('end', () => (cleanup(), resolve(null)));
    zipFile.once('error', (error: Error) => (cleanup(), reject(error)));
    zipFile.readEntry();
  });
}

/**
 * Lists a .zip attachment and decompresses the files `wanted` picks, within limits on entry count, sizes
 * and compression ratio that are checked against the central directory before anything is inflated.
 */
export async function readZip(zip: Buffer, limits: ZipLimits, wanted: (name: string) => boolean): Promise<ZipReadResult> {
  let zipFile: ZipFile | undefined;
  try {
    zipFile = await openZip(zip);
    if (zipFile.entryCount > limits.maxEntries) return { ok: false, problem: 'TOO_MANY_ENTRIES' };
    const contents: ZipContents = { names: [], files: [] };
    let total = 0;
    for (let entry = await nextEntry(zipFile); entry; entry = await nextEntry(zipFile)) {
      const name = entryName(entry);
      if (isClutter(name)) continue;
      checkEntry(entry, limits);
      total += entry.uncompressedSize;
      if (total > limits.maxTotalBytes) return { ok: false, problem: 'TOO_LARGE' };
      contents.names.push(name);
      if (!wanted(name)) continue;
      if (entry.isEncrypted()) return { ok: false, problem: 'ENCRYPTED' };
      contents.files.push({ name, content: await readStream(zipFile, entry) });
    }
    return { ok: true, contents };
  } catch (error) {
    if (error instanceof ZipLimitError) return { ok: false, problem: error.problem };
    const message = error instanceof Error ? error.message : '';
    return { ok: false, problem: /too many bytes/i.test(message) ? 'TOO_LARGE' : 'UNREADABLE' };
  } finally {
    zipFile?.close();
  }
}
