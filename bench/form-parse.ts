import { pathToFileURL } from 'node:url';
import { annotateForm, checkForm, stopFormWorkers, validateForm } from '../src/form/index.js';
import { csvForm, xlsxForm } from '../src/form/testing/form-builder.js';
import { manyUsers } from '../src/form/testing/sample-answers.js';

/**
 * Time to parse and validate registration forms of 10, 100 and 500 users (target: 500 users under 200 ms).
 * "in-process" is the reading and the rules alone; "isolated" adds the worker thread each file runs in.
 * Run: npx tsx bench/form-parse.ts
 */
export interface FormBenchRow {
  users: number;
  format: 'xlsx' | 'csv';
  bytes: number;
  inProcessMs: number;
  isolatedMs: number;
}

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

/** The first check after start-up pays for starting the worker thread and loading the readers into it. */
export async function coldStartMs(): Promise<number> {
  await stopFormWorkers();
  const content = csvForm();
  const start = performance.now();
  await validateForm({ filename: 'cold.csv', content }, { now: NOW });
  return performance.now() - start;
}

/** A copy of a 500-user workbook with one problem marked on every user. */
export async function annotateMs(): Promise<number> {
  const users = manyUsers(500).map((u, i) => (i === 0 ? u : [u[0] ?? null, u[1] ?? null, 'not-an-email', u[3] ?? null, u[4] ?? null, null]));
  const input = { filename: 'bench.xlsx', content: await xlsxForm({ users }) };
  const { findings } = await validateForm(input, { now: NOW });
  return time(() => annotateForm(input, findings), 3);
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
    process.stdout.write(
      `${String(r.users).padStart(5)}  ${r.format.padEnd(6)}  ${`${(r.bytes / 1024).toFixed(0)} KB`.padEnd(8)}  ${`${r.inProcessMs.toFixed(1)} ms`.padEnd(23)}  ${r.isolatedMs.toFixed(1)} ms\n`,
    );
  }
  const target = rows.find((r) => r.users === 500 && r.format === 'xlsx');
  process.stdout.write(
    `500-user workbook: ${target?.inProcessMs.toFixed(1)} ms to parse and validate, ${target?.isolatedMs.toFixed(1)} ms in a warm worker (target < 200 ms)\n`,
  );
  process.stdout.write(`first check after start-up (starts the worker thread): ${(await coldStartMs()).toFixed(0)} ms\n`);
  process.stdout.write(`annotated copy of a 500-user workbook with a problem on 499 users: ${(await annotateMs()).toFixed(0)} ms\n`);
}
