import { startServiceProcess, type ServiceProcess, type ServiceRole } from '../../bench/service-process.js';

export interface Fleet {
  /** Every process started so far, killed or not, for their peak memory. */
  all: ServiceProcess[];
  /** SIGKILLs one running process of the role; a supervisor starts a fresh one after `restartAfterMs`. */
  killOne(role: ServiceRole, random: () => number): Promise<string | null>;
  /** Resolves once each slot runs again (after the kills' restarts). */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

/** Watcher and worker processes in slots, each restarted after a SIGKILL as a process supervisor would. */
export function startFleet(env: Record<string, string>, slots: { watchers: number; workers: number }, restartAfterMs = 1_000): Fleet {
  const all: ServiceProcess[] = [];
  const running = new Map<string, ServiceProcess>();
  const restarts = new Set<Promise<void>>();
  let stopping = false;
  const start = (slot: string, role: ServiceRole) => {
    const process = startServiceProcess({ ...env, LOG_LEVEL: 'warn' }, [role], slot);
    all.push(process);
    running.set(slot, process);
  };
  for (let i = 0; i < slots.watchers; i += 1) start(`watcher-${i + 1}`, 'watcher');
  for (let i = 0; i < slots.workers; i += 1) start(`worker-${i + 1}`, 'worker');
  return {
    all,
    async killOne(role, random) {
      const candidates = [...running.entries()].filter(([slot, process]) => slot.startsWith(role) && process.isRunning());
      const chosen = candidates[Math.floor(random() * candidates.length)];
      if (!chosen) return null;
      const [slot, process] = chosen;
      await process.kill('SIGKILL');
      const restart = new Promise<void>((resolve) => setTimeout(resolve, restartAfterMs)).then(() => {
        if (!stopping) start(slot, role);
      });
      restarts.add(restart);
      void restart.finally(() => restarts.delete(restart));
      return slot;
    },
    async settle() {
      while (restarts.size > 0) await Promise.all([...restarts]);
    },
    async stop() {
      stopping = true;
      await Promise.all([...restarts]);
      await Promise.all([...running.values()].map((process) => process.kill('SIGTERM')));
    },
  };
}
