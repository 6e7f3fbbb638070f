import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import type { LocalDovecot } from '../src/local-servers/dovecot.js';

// Linux counts CPU time in clock ticks of 10 ms (USER_HZ is 100 on every Linux the service runs on).
const MS_PER_TICK = 10;

/** Lets Dovecot count every IMAP command it finishes, by name; `doveadm stats dump` reads the counts live. */
export const DOVECOT_COMMAND_METRIC = `
metric imap_command {
  filter = event=imap_command_finished
  group_by = cmd_name
}
`;

interface ProcStat {
  ppid: number;
  /** utime + stime of the process itself. */
  ownTicks: number;
  /** cutime + cstime: children it has already waited for (a Dovecot imap process after its logout). */
  reapedChildTicks: number;
}

function readStat(pid: number): ProcStat | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(fields[1]), ownTicks: Number(fields[11]) + Number(fields[12]), reapedChildTicks: Number(fields[13]) + Number(fields[14]) };
  } catch {
    return null;
  }
}

/**
 * CPU milliseconds used by a process and every process under it, living or ended: Dovecot runs one imap process
 * per connection beside its master, and Redis forks to rewrite its append-only file.
 */
export function processTreeCpuMs(rootPid: number): number {
  const stats = new Map<number, ProcStat>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (stat) stats.set(Number(entry), stat);
  }
  let ticks = 0;
  const visit = (pid: number) => {
    const stat = stats.get(pid);
    if (!stat) return;
    ticks += stat.ownTicks + stat.reapedChildTicks;
    for (const [child, childStat] of stats) if (childStat.ppid === pid) visit(child);
  };
  visit(rootPid);
  return ticks * MS_PER_TICK;
}

export async function redisPid(redis: Redis): Promise<number> {
  const info = await redis.info('server');
  return Number(/process_id:(\d+)/.exec(info)?.[1]);
}

export function dovecotPid(dovecot: LocalDovecot): number {
  return Number(readFileSync(join(dovecot.dir, 'run', 'master.pid'), 'utf8').trim());
}

/** Commands Redis has run since it started, in total and by name (INFO commandstats). */
export async function redisCommandCalls(redis: Redis): Promise<Record<string, number>> {
  const calls: Record<string, number> = {};
  for (const match of (await redis.info('commandstats')).matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) calls[match[1]!] = Number(match[2]);
  return calls;
}

/** IMAP commands Dovecot has finished since it started, by name (needs DOVECOT_COMMAND_METRIC in its config). */
export function imapCommandCounts(dovecot: LocalDovecot): Record<string, number> {
  const dump = execFileSync('doveadm', ['-c', join(dovecot.dir, 'dovecot.conf'), 'stats', 'dump'], { encoding: 'utf8' });
  const counts: Record<string, number> = {};
  for (const match of dump.matchAll(/^imap_command_(\S+)\tduration\t(\d+)/gm)) counts[match[1]!] = Number(match[2]);
  return counts;
}

/** What each key grew by between two counts, keeping only those that grew. */
export function countsGrowth(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  const growth: Record<string, number> = {};
  for (const [name, value] of Object.entries(after)) {
    const grew = value - (before[name] ?? 0);
    if (grew > 0) growth[name] = grew;
  }
  return growth;
}

export const sumOf = (counts: Record<string, number>) => Object.values(counts).reduce((total, value) => total + value, 0);
