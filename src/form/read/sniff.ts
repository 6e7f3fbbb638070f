import { LIMITS } from '../form-schema.js';
import { UnreadableFileError } from './read-errors.js';
import { listZipEntries, readZipText, type ZipEntry } from './zip-archive.js';

export type Readable = { kind: 'xlsx'; entries: Map<string, ZipEntry> } | { kind: 'csv' };

const CFB_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const utf16 = (text: string): Buffer => Buffer.from(text, 'utf16le');

/**
 * Decides what a file really is from its bytes (names and extensions lie), and turns every format the
 * form cannot be read from into its own reason, so the reply can say exactly how to fix it.
 */
export function sniff(filename: string, content: Buffer): Readable {
  if (content.length === 0) throw new UnreadableFileError('FILE_EMPTY', 'no bytes');
  if (content.length > LIMITS.maxFileBytes) throw new UnreadableFileError('FILE_TOO_LARGE', `${content.length} bytes`);
  const extension = /\.([a-z0-9]+)$/i.exec(filename)?.[1]?.toLowerCase() ?? '';
  if (content.subarray(0, 2).toString('latin1') === 'PK') return sniffZip(content, extension);
  if (content.subarray(0, 8).equals(CFB_MAGIC)) throw sniffCompoundFile(content);
  const head = content.subarray(0, 1024).toString('latin1').trimStart().toLowerCase();
  if (head.startsWith('%pdf')) throw new UnreadableFileError('FILE_PDF', 'PDF');
  if (head.startsWith('<?xml') || head.startsWith('<html') || head.startsWith('<!doctype') || head.startsWith('<table')) {
    // Some systems save HTML or "XML Spreadsheet 2003" with an .xls name; Excel opens them, we cannot.
    throw new UnreadableFileError(extension === 'xls' ? 'FILE_LEGACY_XLS' : 'FILE_NOT_SPREADSHEET', 'markup');
  }
  if (!looksLikeText(content)) {
    throw new UnreadableFileError(['xlsx', 'xlsm', 'xls'].includes(extension) ? 'FILE_CORRUPT' : 'FILE_NOT_SPREADSHEET', 'binary');
  }
  return { kind: 'csv' };
}

function sniffZip(content: Buffer, extension: string): Readable {
  const entries = listZipEntries(content);
  const has = (name: string): boolean => entries.has(name);
  const mimetype = has('mimetype') ? (readZipText(content, entries, 'mimetype') ?? '').trim() : '';
  if (mimetype === 'application/vnd.oasis.opendocument.spreadsheet') throw new UnreadableFileError('FILE_ODS', 'ODS');
  if (mimetype.startsWith('application/vnd.oasis.opendocument')) throw new UnreadableFileError('FILE_NOT_SPREADSHEET', mimetype);
  if ([...entries.keys()].some((name) => name.startsWith('Index/') && name.endsWith('.iwa'))) throw new UnreadableFileError('FILE_NUMBERS', 'Numbers');
  if (has('word/document.xml')) throw new UnreadableFileError('FILE_WORD_DOCUMENT', 'docx');
  const types = readZipText(content, entries, '[Content_Types].xml') ?? '';
  if (has('xl/vbaProject.bin') || /macroEnabled/i.test(types) || extension === 'xlsm') throw new UnreadableFileError('FILE_MACRO_ENABLED', 'xlsm');
  if (/spreadsheetml/i.test(types) || has('xl/workbook.xml')) return { kind: 'xlsx', entries };
  throw new UnreadableFileError('FILE_NOT_SPREADSHEET', 'zip without a workbook');
}

function sniffCompoundFile(content: Buffer): UnreadableFileError {
  // An encrypted .xlsx is an OLE compound file holding an "EncryptedPackage" stream; an old .xls holds "Workbook".
  if (content.includes(utf16('EncryptedPackage')) || content.includes(utf16('EncryptionInfo'))) return new UnreadableFileError('FILE_ENCRYPTED', 'encrypted');
  if (content.includes(utf16('Workbook')) || content.includes(utf16('Book'))) return new UnreadableFileError('FILE_LEGACY_XLS', 'BIFF');
  if (content.includes(utf16('WordDocument'))) return new UnreadableFileError('FILE_WORD_DOCUMENT', 'doc');
  return new UnreadableFileError('FILE_NOT_SPREADSHEET', 'compound file');
}

/** UTF-16 has NULs in every other byte; anything else with NULs or many control bytes is binary. */
export function looksLikeText(content: Buffer): boolean {
  const sample = content.subarray(0, 8192);
  if (utf16Order(sample)) return true;
  let control = 0;
  for (const byte of sample) {
    if (byte === 0) return false;
    if (byte < 9 || (byte > 13 && byte < 32)) control++;
  }
  return control <= sample.length * 0.02;
}

/** 'le' or 'be' when the bytes are UTF-16 (with a BOM, or ASCII-heavy text with NUL high bytes). */
export function utf16Order(sample: Buffer): 'le' | 'be' | null {
  if (sample[0] === 0xff && sample[1] === 0xfe) return 'le';
  if (sample[0] === 0xfe && sample[1] === 0xff) return 'be';
  if (sample.length < 4 || sample.length % 2 !== 0) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i + 1 < sample.length; i += 2) {
    if (sample[i] === 0) evenZero++;
    if (sample[i + 1] === 0) oddZero++;
  }
  const pairs = sample.length / 2;
  if (oddZero > pairs * 0.3 && evenZero === 0) return 'le';
  if (evenZero > pairs * 0.3 && oddZero === 0) return 'be';
  return null;
}
