import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmailStore, type EmailRecord } from '../src/emails/email-store.js';
import { PROJECT_ROOT } from '../src/paths.js';
import { keysFor, type RedisClient } from '../src/redis.js';
import { composeEmail } from '../src/samples/sample-emails.js';
import { firmForm } from '../test/helpers/forms.js';
import type { BenchStack } from './bench-stack.js';
import { BurstCostMeter, type BurstCost } from './burst-cost.js';
import { startServiceProcess, type ServiceProcess } from './service-process.js';

export interface BurstResult {
  /** The service measured: this checkout, or the baseline named by BENCH_BASELINE. */
  version: string;
  workers: number;
  emails: number;
  /** First pickup to last email filed (acknowledged, set up, moved to its folder). */
  drainSeconds: number;
  /** Where the time went: first pickup to last pickup, and to the last outcome recorded (before filing). */
  lastPickupSeconds: number;
  lastDecisionSeconds: number;
  /** First pickup to the last user's activation email at the SMTP listener: when the job is done; null if not within the time allowed. */
  lastActivationSeconds: number | null;
  formsPerSecond: number;
  outcomes: Record<string, number>;
  activationEmailsDuringDrain: number;
  activationEmailsSent: number;
  usersOnForms: number;
  peakRssMb: Record<string, number>;
  /** CPU seconds each process used during the drain; "bench" is this process (it runs the SMTP listener). */
  cpuSeconds: Record<string, number>;
  /** Counted from the services' start to the last activation email (or the end of the time allowed). */
  cost: BurstCost;
}

export interface BurstOptions {
  workers: number;
  /** The root of the checkout whose compiled service runs (another version's, for a comparison). */
  checkout?: string;
  version?: string;
  drainTimeoutMs?: number;
  activationTimeoutMs?: number;
}

const COURTS = ["Westminster Magistrates' Court", 'Southwark Crown Court', 'Leeds Crown Court', 'Birmingham Crown Court'];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const POLL_MS = 250;
const DRAIN_POLL_MS = 1_000;

/** A pseudo-random but repeatable spread of 10 to 200 users per firm. */
export function usersFor(n: number): number {
  return 10 + ((n * 7919 + 13) % 191);
}

/** `count` emails, each a distinct firm's valid workbook; built once and appended to each run's mailbox. */
export async function burstEmails(count: number): Promise<{ raws: Buffer[]; users: number }> {
  const raws: Buffer[] = [];
  let users = 0;
  for (let n = 0; n < count; n += 1) {
    const content = await firmForm(n, COURTS[n % COURTS.length]!, usersFor(n));
    users += usersFor(n);
    raws.push(
      await composeEmail({
        messageId: `<burst-${n}@firm${n}.example>`,
        from: `clerk@firm${n}.example`,
        subject: `Registration ${n}`,
        attachments: [{ filename: `firm-${n}.xlsx`, content }],
      }),
    );
  }
  return { raws, users };
}

/** Each process's output in a file of the temp dir, for a burst that did not drain; returns the paths. */
function saveLogs(processes: ServiceProcess[], run: string): string[] {
  return processes.map((child) => {
    const path = join(tmpdir(), `bench-${run}-${child.name}.log`);
    writeFileSync(path, child.output());
    return path;
  });
}

/** SIGTERM lets a profiled process write its profile; one that does not stop in time is killed. */
async function stopProcesses(processes: ServiceProcess[]): Promise<void> {
  await Promise.all(
    processes.map(async (child) => {
      const timer = setTimeout(() => void child.kill('SIGKILL'), 30_000);
      await child.kill('SIGTERM');
      clearTimeout(timer);
    }),
  );
}

/**
 * Appends the whole burst while the service is down, then starts one watcher, `workers` worker processes and a
 * web process, and times the drain from the first pickup to the last email filed, then to the last activation
 * email sent. SETUP_RATE_MAX is lifted for this: in production it paces set-up to the platform's rate on purpose,
 * which would be all this measured.
 */
export async function measureBurst(stack: BenchStack, raws: Buffer[], users: number, options: BurstOptions): Promise<BurstResult> {
  // BENCH_ACTIVATION_TIMEOUT_MS=0 stops at the drain, for a quick look at pickup and decisions alone.
  const activationWait = Number(process.env.BENCH_ACTIVATION_TIMEOUT_MS ?? 1_800_000);
  const { workers, checkout = PROJECT_ROOT, version = 'this checkout', drainTimeoutMs = 600_000, activationTimeoutMs = activationWait } = options;
  const user = `burst${workers}w${Date.now().toString(36)}`;
  const env = { ...stack.env(user), SETUP_RATE_MAX: '100000', LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn' };
  const appender = await stack.imapClient(user);
  for (const raw of raws) await appender.append('INBOX', raw);
  await appender.logout();
  const activationTimes: number[] = [];
  let counting = true;
  stack.onMessage((message, receivedAt) => {
    if (counting && message.envelope.from === 'noreply@cjscp.org.uk') activationTimes.push(receivedAt);
  });
  const meter = await BurstCostMeter.open(stack);
  await meter.start();
  const start = (roles: ['watcher'] | ['worker'] | ['web'], name: string) => startServiceProcess(env, roles, name, checkout);
  const processes = [start(['watcher'], 'watcher'), ...Array.from({ length: workers }, (_, i) => start(['worker'], `worker-${i + 1}`)), start(['web'], 'web')];
  const store = new EmailStore(meter.redis, keysFor(user));
  const checkRunning = () => {
    for (const child of processes) if (!child.isRunning()) throw new Error(`${child.name} exited during the burst: ${child.output().slice(-500)}`);
  };
  try {
    const records = await waitForDrain(meter.redis, user, store, raws.length, Date.now() + drainTimeoutMs, checkRunning).catch((error: Error) => {
      throw new Error(`${error.message}; the processes' logs: ${saveLogs(processes, user).join(', ')}`);
    });
    const activationEmailsDuringDrain = activationTimes.length;
    const cpuSeconds = Object.fromEntries(processes.map((child) => [child.name, child.cpuSeconds()]));
    const peakRssMb = Object.fromEntries(processes.map((child) => [child.name, child.peakRssMb()]));
    const deadline = Date.now() + activationTimeoutMs;
    while (activationTimes.length < users && Date.now() < deadline) {
      checkRunning();
      await sleep(POLL_MS);
    }
    const cost = await meter.costSoFar(processes, raws.length);
    for (const child of processes) peakRssMb[child.name] = child.peakRssMb();
    counting = false;
    const first = Math.min(...records.map((record) => record.pickedUpAt));
    const seconds = (at: number) => Math.round((at - first) / 100) / 10;
    const drainSeconds = seconds(Math.max(...records.map((record) => record.filedAt ?? 0)));
    const outcomes: Record<string, number> = {};
    for (const record of records) outcomes[record.outcome ?? 'none'] = (outcomes[record.outcome ?? 'none'] ?? 0) + 1;
    return {
      version,
      workers,
      emails: raws.length,
      drainSeconds,
      lastPickupSeconds: seconds(Math.max(...records.map((record) => record.pickedUpAt))),
      lastDecisionSeconds: seconds(Math.max(...records.map((record) => record.decidedAt ?? 0))),
      lastActivationSeconds: activationTimes.length >= users ? seconds(Math.max(...activationTimes)) : null,
      formsPerSecond: Math.round((raws.length / drainSeconds) * 10) / 10,
      outcomes,
      activationEmailsDuringDrain,
      activationEmailsSent: activationTimes.length,
      usersOnForms: users,
      peakRssMb,
      cpuSeconds,
      cost,
    };
  } finally {
    counting = false;
    await stopProcesses(processes);
    meter.close();
  }
}

/**
 * Polls the ledger until every email is filed. The times come from the records, so the poll's pace does not change
 * them; it reads only the state of each email not yet filed, so that the bench's own reads hardly load Redis or
 * the CPU the burst is measured on, and reads a record in full once, when it is filed.
 */
async function waitForDrain(redis: RedisClient, prefix: string, store: EmailStore, emails: number, deadline: number, checkRunning: () => void) {
  const keys = keysFor(prefix);
  const filed = new Map<string, EmailRecord>();
  // Where the emails not yet filed were at the last poll, for the error when the burst does not drain.
  let stuck = 'none picked up';
  for (;;) {
    if (Date.now() > deadline) throw new Error(`burst not drained in the time allowed: ${filed.size} of ${emails} filed; ${stuck}`);
    checkRunning();
    const ids = await store.listIdsSince(0, 100_000);
    stuck = `${ids.length} of ${emails} picked up`;
    if (ids.length >= emails) {
      const open = ids.filter((id) => !filed.has(id));
      const pipeline = redis.pipeline();
      for (const id of open) pipeline.hget(keys.email(id), 'state');
      const states = ((await pipeline.exec()) ?? []).map(([, state]) => state);
      const byState = new Map<unknown, number>();
      for (const state of states) byState.set(state, (byState.get(state) ?? 0) + 1);
      stuck = `the rest by state: ${JSON.stringify(Object.fromEntries(byState))}`;
      const nowFiled = open.filter((_, index) => states[index] === 'filed');
      for (const record of await Promise.all(nowFiled.map((id) => store.get(id)))) if (record?.state === 'filed') filed.set(record.emailId, record);
      if (filed.size >= emails) return [...filed.values()];
    }
    await sleep(DRAIN_POLL_MS);
  }
}
