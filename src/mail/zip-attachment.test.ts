import { describe, expect, it } from 'vitest';
import { zipSync, strToU8 } from 'fflate';
import { DEFAULT_ZIP_LIMITS, readZip } from './zip-attachment.js';

const zip = (files: Record<string, Uint8Array>) => Buffer.from(zipSync(files, { level: 6 }));
const all = () => true;

/** Rewrites every declared uncompressed size, as a zip bomb that lies about its contents would. */
function declareSize(archive: Buffer, size: number): Buffer {
  const copy = Buffer.from(archive);
  for (let at = 0; at + 4 <= copy.length; at++) {
    const signature = copy.readUInt32LE(at);
    if (signature === 0x04034b50) copy.writeUInt32LE(size, at + 22);
    if (signature === 0x02014b50) copy.writeUInt32LE(size, at + 24);
  }
  return copy;
}

describe('readZip', () => {
  it('lists the files and decompresses only the wanted ones, skipping folders and macOS clutter', async () => {
    const archive = zip({
      'forms/': new Uint8Array(0),
      'forms/users.csv': strToU8('a,b\n1,2\n'),
      'forms/letter.pdf': strToU8('%PDF'),
      '__MACOSX/forms/._users.csv': strToU8('junk'),
      '.DS_Store': strToU8('junk'),
    });
    const result = await readZip(archive, DEFAULT_ZIP_LIMITS, (name) => name.endsWith('.csv'));
    expect(result).toEqual({
      ok: true,
      contents: { names: ['forms/users.csv', 'forms/letter.pdf'], files: [{ name: 'forms/users.csv', content: Buffer.from('a,b\n1,2\n') }] },
    });
  });

  it('keeps entries whose paths climb out of the archive, since nothing is written to disk', async () => {
    const result = await readZip(zip({ '../../etc/users.csv': strToU8('x') }), DEFAULT_ZIP_LIMITS, all);
    expect(result.ok && result.contents.files[0]?.name).toBe('../../etc/users.csv');
  });

  it('refuses an archive with more entries than allowed before reading any', async () => {
    const files = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`f${i}.csv`, strToU8('x')]));
    expect(await readZip(zip(files), { ...DEFAULT_ZIP_LIMITS, maxEntries: 5 }, all)).toEqual({ ok: false, problem: 'TOO_MANY_ENTRIES' });
  });

  it('refuses an entry larger than allowed and archives too large in total', async () => {
    const files = { 'a.csv': new Uint8Array(3000), 'b.csv': new Uint8Array(3000) };
    expect(await readZip(zip(files), { ...DEFAULT_ZIP_LIMITS, maxEntryBytes: 2000 }, all)).toEqual({ ok: false, problem: 'TOO_LARGE' });
    expect(await readZip(zip(files), { ...DEFAULT_ZIP_LIMITS, maxTotalBytes: 5000 }, all)).toEqual({ ok: false, problem: 'TOO_LARGE' });
  });

  it('refuses a highly compressed entry (a zip bomb) by its declared ratio', async () => {
    const bomb = zip({ 'big.csv': new Uint8Array(5 * 1024 * 1024) });
    expect(await readZip(bomb, { ...DEFAULT_ZIP_LIMITS, maxEntryBytes: 20 * 1024 * 1024 }, all)).toEqual({ ok: false, problem: 'TOO_LARGE' });
  });

  it('stops inflating an entry that yields more than it declared', async () => {
    const liar = declareSize(zip({ 'big.csv': new Uint8Array(200_000).fill(65) }), 1000);
    expect(await readZip(liar, DEFAULT_ZIP_LIMITS, all)).toEqual({ ok: false, problem: 'TOO_LARGE' });
  });

  it('reports a password-protected archive rather than trying to read it', async () => {
    const locked = Buffer.from(zip({ 'form.csv': strToU8('a,b') }));
    for (let at = 0; at + 4 <= locked.length; at++) {
      if (locked.readUInt32LE(at) === 0x04034b50) locked.writeUInt16LE(locked.readUInt16LE(at + 6) | 1, at + 6);
      if (locked.readUInt32LE(at) === 0x02014b50) locked.writeUInt16LE(locked.readUInt16LE(at + 8) | 1, at + 8);
    }
    expect(await readZip(locked, DEFAULT_ZIP_LIMITS, all)).toEqual({ ok: false, problem: 'ENCRYPTED' });
  });

  it('reports an archive that is not a zip as unreadable', async () => {
    expect(await readZip(Buffer.from('PK not really'), DEFAULT_ZIP_LIMITS, all)).toEqual({ ok: false, problem: 'UNREADABLE' });
  });
});
