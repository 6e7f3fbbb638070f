import { readFileSync, readlinkSync } from 'node:fs';
import { hostname } from 'node:os';

/**
 * What tells one process from every other, past or present: a pid alone repeats (after a restart, and in each
 * container), so it is kept with the kernel's boot id, the pid namespace it counts in, and when it started.
 */
export interface ProcessIdentity {
  host: string;
  bootId: string;
  pidNamespace: string;
  pid: number;
  /** Clock ticks after boot at which the process started (field 22 of /proc/<pid>/stat). */
  startTicks: number;
}

/** From /proc/<pid>/stat: the state letter (Z for a zombie) and the start time. */
function statOf(pid: number | 'self'): { state: string; startTicks: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0]!, startTicks: Number(fields[19]) };
  } catch {
    return null;
  }
}

let own: ProcessIdentity | null | undefined;

/** This process's identity; null where /proc does not say (not Linux), and then no one may judge it ended. */
export function ownProcessIdentity(): ProcessIdentity | null {
  if (own !== undefined) return own;
  try {
    const startTicks = statOf('self')?.startTicks;
    own =
      startTicks === undefined
        ? null
        : {
            host: hostname(),
            bootId: readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim(),
            pidNamespace: readlinkSync('/proc/self/ns/pid'),
            pid: process.pid,
            startTicks,
          };
  } catch {
    own = null;
  }
  return own;
}

/**
 * True only when it is certain that the process has ended: it ran on this host, under this boot of the kernel
 * and in this pid namespace, and its pid is free, a zombie, or now names a process that started at another time. Anything
 * else (another machine or container, a process of another user hidden from /proc) counts as still running.
 */
export function hasEnded(other: ProcessIdentity): boolean {
  const self = ownProcessIdentity();
  if (!self || other.host !== self.host || other.bootId !== self.bootId || other.pidNamespace !== self.pidNamespace) return false;
  try {
    // Signal 0 checks only that the pid exists; EPERM means it does, under another user.
    process.kill(other.pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
  const stat = statOf(other.pid);
  // A zombie has ended and waits only for its parent to read its exit status.
  return stat !== null && (stat.startTicks !== other.startTicks || stat.state === 'Z' || stat.state === 'X');
}
