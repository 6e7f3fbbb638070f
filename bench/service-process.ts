import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../src/paths.js';
import { SERVICE_ENTRY, SERVICE_NODE_FLAGS } from '../src/service-runtime.js';

export type ServiceRole = 'watcher' | 'worker' | 'web';

export interface ServiceProcess {
  name: string;
  child: ChildProcess;
  /** Resolves when the process has exited, with how. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  isRunning(): boolean;
  /** Everything the process wrote to stdout and stderr (the service logs one JSON line per event). */
  output(): string;
  /** Peak resident memory so far, in MiB (VmHWM, sampled while it runs). */
  peakRssMb(): number;
  /** CPU time used so far (user + system), in seconds. */
  cpuSeconds(): number;
  /** The same in milliseconds, unrounded (the kernel counts it in 10 ms ticks). */
  cpuMs(): number;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

const SAMPLE_EVERY_MS = 200;

/** VmHWM is the kernel's own high-water mark of resident memory, so sampling it misses no short peak. */
function readPeakRssKb(pid: number): number | null {
  try {
    const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

/**
 * Compiles the service to dist/, which service processes run as production does. Call it once before
 * starting any (the bench, the chaos run and the integration tests' global setup do).
 */
export function buildService(checkout = PROJECT_ROOT): void {
  const tsc = createRequire(join(checkout, 'package.json')).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: checkout, stdio: 'inherit' });
}

/** Extra V8 or Node flags for a profiling run, e.g. BENCH_NODE_ARGS="--heapsnapshot-signal=SIGUSR2". */
function extraNodeArgs(): string[] {
  return (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
}

/** utime and stime, fields 14 and 15 of /proc/<pid>/stat, in clock ticks (100 a second on Linux). */
export function readCpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

/**
 * Starts service roles as a child process, as `npm run start:*` would, so a test or the bench can kill it
 * with SIGKILL, see whether it crashed, and read its peak memory. `checkout` runs another copy of the service
 * (its own compiled dist/), for a bench that compares two versions.
 */
export function startServiceProcess(env: Record<string, string>, roles: ServiceRole[], name = roles.join('+'), checkout = PROJECT_ROOT): ServiceProcess {
  const child = spawn(process.execPath, [...SERVICE_NODE_FLAGS, ...extraNodeArgs(), SERVICE_ENTRY, ...roles], {
    cwd: checkout,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const chunks: Buffer[] = [];
  child.stdout?.on('data', (chunk: Buffer) => chunks.push(chunk));
  child.stderr?.on('data', (chunk: Buffer) => chunks.push(chunk));
  let peakKb = 0;
  let cpu = 0;
  const sample = () => {
    if (child.pid === undefined) return;
    peakKb = Math.max(peakKb, readPeakRssKb(child.pid) ?? 0);
    cpu = Math.max(cpu, readCpuSeconds(child.pid) ?? 0);
  };
  const sampler = setInterval(sample, SAMPLE_EVERY_MS);
  sampler.unref();
  let running = true;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      running = false;
      clearInterval(sampler);
      resolve({ code, signal });
    });
  });
  return {
    name,
    child,
    exited,
    isRunning: () => running,
    output: () => Buffer.concat(chunks).toString('utf8'),
    peakRssMb: () => {
      if (running) sample();
      return Math.round(peakKb / 1024);
    },
    cpuSeconds: () => {
      if (running) sample();
      return Math.round(cpu * 10) / 10;
    },
    cpuMs: () => {
      if (running) sample();
      return Math.round(cpu * 1000);
    },
    async kill(signal = 'SIGTERM') {
      if (!running) return;
      sample();
      child.kill(signal);
      await exited;
    },
  };
}
