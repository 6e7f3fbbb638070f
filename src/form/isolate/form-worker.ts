import { parentPort, resourceLimits } from 'node:worker_threads';
import { checkForm } from '../check-form.js';
import type { WorkerReply, WorkerTask } from './worker-task.js';

/** Runs in its own thread, under the memory limit and the timeout that run-isolated.ts sets. */
async function handle(task: WorkerTask): Promise<WorkerReply> {
  if (task.kind === 'limits') return { kind: 'limits', resourceLimits }; // lets a test see the limits really apply
  const content = Buffer.from(task.content.buffer, task.content.byteOffset, task.content.byteLength);
  if (task.kind === 'check') return { kind: 'check', result: checkForm({ filename: task.filename, content }, new Date(task.now)) };
  // Loaded on a thread's first marked-up copy, not at its start: exceljs and its zip libraries cost each thread about
  // 400 ms of CPU and 17 MB, and most threads only ever check forms.
  const { annotate } = await import('../annotate/annotate-form.js');
  const file = await annotate({ filename: task.filename, content }, task.findings, task.options);
  return { kind: 'annotate', file };
}

// The thread serves one task at a time and may be reused for the next file.
parentPort?.on('message', (task: WorkerTask) => {
  handle(task).then(
    (reply) => parentPort?.postMessage(reply),
    (error: unknown) => parentPort?.postMessage({ kind: 'failed', message: String((error as Error)?.message ?? error).slice(0, 300) } satisfies WorkerReply),
  );
});
