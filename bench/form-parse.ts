import { pathToFileURL } from 'node:url';
import { checkForm, validateForm } from '../src/form/index.js';
import { csvForm, xlsxForm } from '../src/form/testing/form-builder.js';
import { manyUsers } from '../src/form/testing/sample-answers.js';

/**
 * Time to parse and validate registration forms of 10, 100 and 500 users (target: 500 users under 200 ms).
 * "in-process" is the reading and the rules alone; "isolated" adds the worker thread each file runs in.
 * Run: npx tsx bench/form-parse.ts
 */
export interface FormBenchRow { users: number; format: 'xlsx' | 'csv'; bytes: number; inProcessMs: number; isolatedMs: number }

const NOW = new Date('2026-11-25T10:00:00Z');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

async function time(fn: () => unknown, runs: number): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

export async function runFormBench(sizes = [10, 100, 500]): Promise<FormBenchRow[]> {
  const rows: FormBenchRow[] = [];
  for (const users of sizes) {
    const files = { xlsx: await xlsxForm({ users: manyUsers(users) }), csv: csvForm({ users: manyUsers(users) }) };
    for (const format of ['xlsx', 'csv'] as const) {
      const input = { filename: `bench.${format}`, content: files[format] };
      const check = checkForm(input, NOW);
      if (!check.valid || check.registration?.users.length !== users) throw new Error(`bench form of ${users} users is not valid`);
      const inProcessMs = await time(() => checkForm(input, NOW), 20);
      const isolatedMs = await time(() => validateForm(input, { now: NOW }), 5);
      rows.push({ users, format, bytes: files[format].length, inProcessMs, isolatedMs });
    }
  }
  return rows;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const rows = await runFormBench();
  process.stdout.write('users  format  size      parse+validate (median)  with worker isolation (median)\n');
  for (const r of rows) {
    process.stdout.write(`${String(r.users).padStart(5)}  ${r.format.padEnd(6)}  ${`${(r.bytes / 1024).toFixed(0)} KB`.padEnd(8)}  ${`${r.inProcessMs.toFixed(1)} ms`.padEnd(23)}  ${r.isolatedMs.toFixed(1)} ms\n`);
  }
  const target = rows.find((r) => r.users === 500 && r.format === 'xlsx');
  process.stdout.write(`500-user workbook: ${target?.inProcessMs.toFixed(1)} ms to parse and validate (target < 200 ms)\n`);
}
