import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const ROOT = join(import.meta.dirname, '..', '..');
const FIXTURES = join(ROOT, 'test', 'fixtures', 'forms');

async function run(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('intake validate', () => {
  it('exits 0 for a valid form and says so', async () => {
    const { code, out } = await run('validate', join(FIXTURES, 'good-solicitors.xlsx'));
    expect(code).toBe(0);
    expect(out).toMatch(/good-solicitors\.xlsx: valid \(form version 2026\.1, 3 users\)/);
  });

  it('exits 1 for an invalid form and prints each finding with its tab and cell', async () => {
    const { code, out } = await run('validate', join(FIXTURES, 'many-problems.xlsx'));
    expect(code).toBe(1);
    expect(out).toContain('ERROR INVALID_POSTCODE [Organisation details input B11]');
    expect(out).toContain('Fix: Enter the full postcode');
  });

  it('exits 2 when the file cannot be read, or does not exist', async () => {
    expect((await run('validate', join(FIXTURES, 'libreoffice/good-solicitors.xls'))).code).toBe(2);
    const missing = await run('validate', join(FIXTURES, 'no-such-file.xlsx'));
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('cannot read');
    const missingJson = await run('validate', '--json', join(FIXTURES, 'no-such-file.xlsx'));
    expect(missingJson.code).toBe(2);
    expect(JSON.parse(missingJson.out)).toMatchObject({ valid: false, registration: null, findings: [{ code: 'FILE_NOT_OPENED' }] });
  });

  it('prints exactly {valid, findings, registration} with --json', async () => {
    const valid = JSON.parse((await run('validate', join(FIXTURES, 'good-solicitors.csv'), '--json')).out);
    expect(Object.keys(valid)).toEqual(['valid', 'findings', 'registration']);
    expect(valid).toMatchObject({ valid: true, findings: [], registration: { organisation: { type: 'solicitors-firm' } } });
    const invalid = await run('validate', '--json', join(FIXTURES, 'outdated-version.xlsx'));
    expect(invalid.code).toBe(1);
    expect(JSON.parse(invalid.out)).toMatchObject({ valid: false, registration: null, findings: [{ code: 'FORM_OUTDATED' }] });
  });

  it('exits 2 with usage for a missing argument or an unknown command', async () => {
    expect((await run('validate')).code).toBe(2);
    const unknown = await run('frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('Usage:');
  });
});

describe('intake template', () => {
  it('writes the Excel and CSV templates, in English and in Welsh', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'intake-template-'));
    expect((await run('template', '--out', dir)).code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['cofrestru.csv', 'cofrestru.xlsx', 'registration.csv', 'registration.xlsx']);
  });
});

describe('bin/intake.js (what `npx intake` runs)', () => {
  it('runs the TypeScript command line through tsx, worker thread included, and keeps the exit codes', async () => {
    const exec = promisify(execFile);
    const bin = join(ROOT, 'bin', 'intake.js');
    const ok = await exec(process.execPath, [bin, 'validate', join(FIXTURES, 'messy-real-world.xlsx'), '--json'], { cwd: ROOT });
    expect(JSON.parse(ok.stdout).valid).toBe(true);
    const bad = join(mkdtempSync(join(tmpdir(), 'intake-bin-')), 'form.csv');
    writeFileSync(bad, 'not,a,form\n');
    await expect(exec(process.execPath, [bin, 'validate', bad], { cwd: ROOT })).rejects.toMatchObject({ code: 1 });
  }, 30_000);
});
