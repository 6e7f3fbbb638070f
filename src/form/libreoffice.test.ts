import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkForm } from './check-form.js';
import { xlsxForm } from './testing/form-builder.js';
import { messyWorkbook } from './testing/messy-workbook.js';

// CI installs LibreOffice (.ci/run: apt-get install libreoffice-calc-nogui); elsewhere these are skipped.
const hasSoffice = !spawnSync('soffice', ['--version']).error;
const title = hasSoffice
  ? 'forms re-saved by LibreOffice now'
  : 'forms re-saved by LibreOffice (SKIPPED: soffice not installed; apt-get install libreoffice-calc-nogui)';

function resave(name: string, content: Buffer): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'intake-soffice-'));
  const out = join(dir, 'out');
  writeFileSync(join(dir, name), content);
  const run = spawnSync('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'xlsx', '--outdir', out, join(dir, name)], {
    timeout: 90_000,
  });
  if (run.status !== 0) throw new Error(`soffice failed: ${run.stderr}`);
  return readFileSync(join(out, name));
}

describe.skipIf(!hasSoffice)(title, () => {
  it('reads the current template, filled in and re-saved by LibreOffice', async () => {
    const result = checkForm({ filename: 'form.xlsx', content: resave('form.xlsx', await xlsxForm()) }, new Date('2026-11-25T10:00:00Z'));
    expect(result.findings).toEqual([]);
  }, 120_000);

  it('reads the awkward real-world workbook re-saved by LibreOffice', async () => {
    const result = checkForm({ filename: 'messy.xlsx', content: resave('messy.xlsx', await messyWorkbook()) }, new Date('2026-11-25T10:00:00Z'));
    expect(result.registration?.organisation.phone).toBe('+442079460123');
  }, 120_000);
});
