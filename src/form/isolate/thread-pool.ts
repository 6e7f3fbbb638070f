import type { Worker } from 'node:worker_threads';

export type ThreadOutcome<Reply> = { ok: true; reply: Reply } | { ok: false; reason: 'timeout' | 'memory' | 'crash'; message: string };

export interface ThreadPoolOptions {
  /** Threads running at once at most; a task waits for a place. */
  maxThreads: number;
  /**
   * Threads running at once while tasks finish promptly (default: maxThreads). A task that has waited growAfterMs
   * for one, held up behind a slow task, gets a further thread, up to maxThreads.
   */
  steadyThreads?: number;
  growAfterMs?: number;
  /** A thread is retired after this many tasks, so slow leaks in a reader cannot build up. */
  maxTasksPerThread: number;
}

type PoolEntry = { worker: Worker; tasks: number };
type Waiter = { start: () => void; overdue: boolean; timer?: NodeJS.Timeout };

/**
 * Runs one task at a time per thread, each under a deadline, keeping finished threads warm for the next task
 * (starting one that loads the readers costs far more than reading a form). A thread that timed out, ran out
 * of memory or crashed is never reused, and an idle thread that fails is dropped without taking the process
 * down: a Worker's 'error' event with no listener is an uncaught exception.
 */
export class ThreadPool<Task, Reply> {
  private readonly idle: PoolEntry[] = [];
  private readonly waiting: Waiter[] = [];
  private running = 0;
  private started = 0;
  private readonly steadyThreads: number;

  constructor(
    private readonly startWorker: () => Worker,
    private readonly options: ThreadPoolOptions,
  ) {
    this.steadyThreads = Math.min(options.steadyThreads ?? options.maxThreads, options.maxThreads);
  }

  /** Threads started since the pool was made: a warm thread's reuse starts none. */
  get threadsStarted(): number {
    return this.started;
  }

  /** Threads started and waiting for work. */
  get idleThreads(): number {
    return this.idle.length;
  }

  /** The deadline counts from when the task gets a thread, not from when it started waiting for one. */
  async run(task: Task, timeoutMs: number, transfer: ArrayBuffer[] = []): Promise<ThreadOutcome<Reply>> {
    await this.admit();
    try {
      return await this.runInThread(task, timeoutMs, transfer);
    } finally {
      this.running -= 1;
      this.admitWaiting();
    }
  }

  /** Waits, in arrival order, for a place: one of the steady threads, or a further one once held up for growAfterMs. */
  private admit(): Promise<void> {
    if (this.waiting.length === 0 && this.running < this.steadyThreads) {
      this.running += 1;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const waiter: Waiter = {
        overdue: false,
        start: () => {
          clearTimeout(waiter.timer);
          this.running += 1;
          resolve();
        },
      };
      if (this.steadyThreads < this.options.maxThreads) {
        waiter.timer = setTimeout(() => {
          waiter.overdue = true;
          this.admitWaiting();
        }, this.options.growAfterMs ?? 0);
      }
      this.waiting.push(waiter);
    });
  }

  private admitWaiting(): void {
    for (let index = 0; index < this.waiting.length;) {
      const waiter = this.waiting[index]!;
      const limit = waiter.overdue ? this.options.maxThreads : this.steadyThreads;
      if (this.running >= limit) {
        index += 1;
        continue;
      }
      this.waiting.splice(index, 1);
      waiter.start();
    }
  }

  /** Ends the idle threads, for an orderly shutdown; the next task starts a new one. */
  async stopIdle(): Promise<void> {
    const entries = this.idle.splice(0);
    await Promise.all(entries.map((entry) => entry.worker.terminate()));
  }

  private newEntry(): PoolEntry {
    const entry = { worker: this.startWorker(), tasks: 0 };
    this.started += 1;
    const drop = () => {
      const index = this.idle.indexOf(entry);
      if (index >= 0) this.idle.splice(index, 1);
    };
    entry.worker.once('exit', drop);
    entry.worker.on('error', () => {
      drop();
      void entry.worker.terminate();
    });
    return entry;
  }

  private take(): PoolEntry {
    const taken = this.idle.pop() ?? this.newEntry();
    taken.worker.ref();
    return taken;
  }

  private putBack(entry: PoolEntry): void {
    if (this.idle.length >= this.options.maxThreads || entry.tasks >= this.options.maxTasksPerThread) {
      void entry.worker.terminate();
      return;
    }
    entry.worker.unref(); // an idle thread must not keep the process alive
    this.idle.push(entry);
  }

  private runInThread(task: Task, timeoutMs: number, transfer: ArrayBuffer[]): Promise<ThreadOutcome<Reply>> {
    return new Promise((resolve) => {
      const entry = this.take();
      const { worker } = entry;
      let settled = false;
      const finish = (outcome: ThreadOutcome<Reply>): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        // Only this task's listeners: the pool's own and Worker's internal ones stay.
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
        if (outcome.ok) {
          entry.tasks += 1;
          this.putBack(entry);
        } else void worker.terminate();
        resolve(outcome);
      };
      const timer = setTimeout(() => finish({ ok: false, reason: 'timeout', message: `no answer in ${timeoutMs} ms` }), timeoutMs);
      const onMessage = (reply: Reply): void => finish({ ok: true, reply });
      const onError = (error: Error & { code?: string }): void => {
        const memory = error.code === 'ERR_WORKER_OUT_OF_MEMORY';
        finish({ ok: false, reason: memory ? 'memory' : 'crash', message: error.message.slice(0, 300) });
      };
      const onExit = (code: number): void => finish({ ok: false, reason: 'crash', message: `worker exited with ${code}` });
      worker.on('message', onMessage).on('error', onError).on('exit', onExit);
      worker.postMessage(task, transfer);
    });
  }
}
