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

/** Runs one task in a fresh worker, which is killed at the deadline or when it outgrows its memory. */
export function runIsolated(task: WorkerTask, timeoutMs: number = LIMITS.timeoutMs): Promise<IsolatedOutcome> {
  return new Promise((resolve) => {
    const worker = startWorker();
    let settled = false;
    const finish = (outcome: IsolatedOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(outcome);
    };
    const timer = setTimeout(() => finish({ ok: false, reason: 'timeout', message: `no answer in ${timeoutMs} ms` }), timeoutMs);
    worker.once('message', (reply: WorkerReply) => finish({ ok: true, reply }));
    worker.once('error', (error: Error & { code?: string }) => {
      const memory = error.code === 'ERR_WORKER_OUT_OF_MEMORY';
      finish({ ok: false, reason: memory ? 'memory' : 'crash', message: error.message.slice(0, 300) });
    });
    worker.once('exit', (code) => finish({ ok: false, reason: 'crash', message: `worker exited with ${code}` }));
    const content = new Uint8Array(task.content); // a copy, so the caller's buffer is not detached by transfer
    worker.postMessage({ ...task, content }, [content.buffer]);
  });
}
