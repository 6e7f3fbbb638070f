import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { LIMITS } from '../form-schema.js';
import type { WorkerReply, WorkerTask } from './worker-task.js';

export type IsolatedOutcome = { ok: true; reply: WorkerReply } | { ok: false; reason: 'timeout' | 'memory' | 'crash'; message: string };

const extension = extname(fileURLToPath(import.meta.url));
const entry = new URL(`./form-worker${extension}`, import.meta.url);

/**
 * Worker threads run plain JavaScript; under tsx or vitest this file is TypeScript, so the worker starts
 * with a one-line bootstrap that loads its entry through tsx's API. Built JavaScript starts directly.
 */
function startWorker(): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: LIMITS.memoryMb, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 };
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

// At most two form checks run at once, each in its own thread (about 75 MB resident apiece): on two cores more
// threads only add memory, and a worker process must stay well under 400 MB. Started threads are kept idle
// between files, since starting one that loads the readers costs far more than reading a form. A thread that
// timed out, ran out of memory or crashed is never reused.
const MAX_THREADS = 2;
const MAX_TASKS_PER_WORKER = 200;
const MAX_IDLE_WORKERS = MAX_THREADS;
let running = 0;
const waiting: Array<() => void> = [];

/** Waits for one of the MAX_THREADS places; `release` hands it straight to the next waiting check. */
async function acquireThread(): Promise<void> {
  if (running < MAX_THREADS) {
    running += 1;
    return;
  }
  await new Promise<void>((resolve) => waiting.push(resolve));
}

function releaseThread(): void {
  const next = waiting.shift();
  if (next) next();
  else running -= 1;
}

type PoolEntry = { worker: Worker; tasks: number };
const idle: PoolEntry[] = [];

function newEntry(): PoolEntry {
  const entry = { worker: startWorker(), tasks: 0 };
  entry.worker.once('exit', () => {
    const index = idle.indexOf(entry);
    if (index >= 0) idle.splice(index, 1);
  });
  return entry;
}

function takeWorker(): PoolEntry {
  const taken = idle.pop() ?? newEntry();
  taken.worker.ref();
  return taken;
}

function putBack(entry: PoolEntry): void {
  if (idle.length >= MAX_IDLE_WORKERS || entry.tasks >= MAX_TASKS_PER_WORKER) {
    void entry.worker.terminate();
    return;
  }
  entry.worker.unref(); // an idle worker must not keep the process alive
  idle.push(entry);
}

/** Ends the idle workers, for an orderly shutdown; the next task starts a new one. */
export async function stopIdleWorkers(): Promise<void> {
  const entries = idle.splice(0);
  await Promise.all(entries.map((entry) => entry.worker.terminate()));
}

/**
 * Runs one task in a worker thread, which is killed at the deadline or when it outgrows its memory. The
 * deadline counts from when the task gets a thread, not from when it started waiting for one.
 */
export async function runIsolated(task: WorkerTask, timeoutMs: number = LIMITS.timeoutMs): Promise<IsolatedOutcome> {
  await acquireThread();
  try {
    return await runInThread(task, timeoutMs);
  } finally {
    releaseThread();
  }
}

function runInThread(task: WorkerTask, timeoutMs: number): Promise<IsolatedOutcome> {
  return new Promise((resolve) => {
    const entry = takeWorker();
    const { worker } = entry;
    let settled = false;
    const finish = (outcome: IsolatedOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      // Only our own listeners: Worker uses internal ones to forward messages from its port.
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      if (outcome.ok) {
        entry.tasks++;
        putBack(entry);
      } else void worker.terminate();
      resolve(outcome);
    };
    const timer = setTimeout(() => finish({ ok: false, reason: 'timeout', message: `no answer in ${timeoutMs} ms` }), timeoutMs);
    const onMessage = (reply: WorkerReply): void => finish({ ok: true, reply });
    const onError = (error: Error & { code?: string }): void => {
      const memory = error.code === 'ERR_WORKER_OUT_OF_MEMORY';
      finish({ ok: false, reason: memory ? 'memory' : 'crash', message: error.message.slice(0, 300) });
    };
    const onExit = (code: number): void => finish({ ok: false, reason: 'crash', message: `worker exited with ${code}` });
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    const content = new Uint8Array(task.content); // a copy, so the caller's buffer is not detached by transfer
    worker.postMessage({ ...task, content }, [content.buffer]);
  });
}
