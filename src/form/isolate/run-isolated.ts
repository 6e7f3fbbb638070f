import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { LIMITS } from '../form-schema.js';
import { TEMPLATE_PATHS } from '../template/template-paths.js';
import { ThreadPool, type ThreadOutcome } from './thread-pool.js';
import type { WorkerReply, WorkerTask } from './worker-task.js';

export type IsolatedOutcome = ThreadOutcome<WorkerReply>;

const extension = extname(fileURLToPath(import.meta.url));
const entry = new URL(`./form-worker${extension}`, import.meta.url);

/**
 * Worker threads run plain JavaScript; under tsx or vitest this file is TypeScript, so the worker starts
 * with a one-line bootstrap that loads its entry through tsx's API. Built JavaScript starts directly.
 */
function startWorker(): Worker {
  // Forms are read into short-lived objects; a small young generation keeps each thread's resident memory low
  // (32 MB cost about 22 MB more per thread, and checked forms no faster).
  const resourceLimits = { maxOldGenerationSizeMb: LIMITS.memoryMb, maxYoungGenerationSizeMb: 8, stackSizeMb: 4 };
  if (extension !== '.ts') return new Worker(entry, { resourceLimits });
  const tsxApi = tsxEsmApi();
  const bootstrap = `const { workerData } = require('node:worker_threads');
import(workerData.tsxApi).then((api) => api.tsImport(workerData.entry, workerData.entry));`;
  return new Worker(bootstrap, { eval: true, resourceLimits, workerData: { tsxApi, entry: entry.href } });
}

/** The ESM build of tsx's API (its CommonJS build cannot load tsImport's ESM half from a worker). */
function tsxEsmApi(): string {
  const packageJson = createRequire(import.meta.url).resolve('tsx/package.json');
  const exportsMap = (createRequire(import.meta.url)('tsx/package.json') as { exports: Record<string, { import: { default: string } }> }).exports;
  const target = exportsMap['./esm/api']?.import.default ?? './dist/esm/api/index.mjs';
  return pathToFileURL(join(dirname(packageJson), target)).href;
}

// One form check at a time, in one warm thread, while the process's main thread runs the other stages: with two, a
// burst of 500 forms took 1.00 to 1.08 times the CPU per form and drained 2 to 5 % slower (three rounds, a checkout
// of each side by side), and each thread holds about 30 MB at rest. A check held up for a second behind a slow one
// (a hostile file running to its deadline, a marked-up copy being written) gets a second thread, so one bad file
// cannot stall the rest. More checks at once come from more worker processes.
const STEADY_THREADS = 1;
const MAX_THREADS = 2;
const GROW_AFTER_MS = 1_000;
// A thread is retired after this many checks, against slow leaks. It takes about 200 forms to reach full speed (its
// first 200 cost 48 ms of CPU each, later ones 23 ms), so retiring one every 200 kept every thread cold; over 3,000
// forms in one thread the process grew by 10 MB, so a long life costs no memory to speak of.
const MAX_TASKS_PER_THREAD = 5_000;
const pool = new ThreadPool<WorkerTask, WorkerReply>(startWorker, {
  maxThreads: MAX_THREADS,
  steadyThreads: STEADY_THREADS,
  growAfterMs: GROW_AFTER_MS,
  maxTasksPerThread: MAX_TASKS_PER_THREAD,
});

/** How many form-check threads this process has started, for tests of their reuse. */
export function threadsStarted(): number {
  return pool.threadsStarted;
}

/**
 * Starts the steady form-check thread at a worker's start-up and has it read the blank template once, so that the
 * first form finds the readers loaded and compiled: a cold thread took seconds over its first form, a warm one
 * tens of milliseconds.
 */
export async function prewarmWorkers(): Promise<void> {
  const content = await readFile(TEMPLATE_PATHS.xlsx);
  const now = new Date().toISOString();
  // As many at once as the pool's steady threads, so that each gets one.
  await Promise.all(Array.from({ length: STEADY_THREADS }, () => runIsolated({ kind: 'check', filename: 'registration.xlsx', content, now })));
}

/** Ends the idle threads, for an orderly shutdown; the next task starts a new one. */
export async function stopIdleWorkers(): Promise<void> {
  await pool.stopIdle();
}

/** Runs one task in a worker thread, which is killed at the deadline or when it outgrows its memory. */
export async function runIsolated(task: WorkerTask, timeoutMs: number = LIMITS.timeoutMs): Promise<IsolatedOutcome> {
  const content = new Uint8Array(task.content); // a copy, so the caller's buffer is not detached by transfer
  return pool.run({ ...task, content }, timeoutMs, [content.buffer]);
}
