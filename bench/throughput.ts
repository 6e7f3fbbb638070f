import { Redis } from 'ioredis';
import { EmailStore } from '../src/emails/email-store.js';
import { keysFor } from '../src/redis.js';
import { composeEmail } from '../src/samples/sample-emails.js';
import { firmForm } from '../test/helpers/forms.js';
import type { BenchStack } from './bench-stack.js';
import { startServiceProcess } from './service-process.js';

export interface BurstResult {
  workers: number;
  emails: number;
  /** First pickup to last email filed (acknowledged, set up, moved to its folder). */
  drainSeconds: number;
  /** Where the time went: first pickup to last pickup, and to the last outcome recorded (before filing). */
  lastPickupSeconds: number;
  lastDecisionSeconds: number;
  formsPerSecond: number;
  outcomes: Record<string, number>;
  activationEmailsDuringDrain: number;
  usersOnForms: number;
  peakRssMb: Record<string, number>;
  /** CPU seconds each process used during the drain; "bench" is this process (it runs the SMTP listener). */
  cpuSeconds: Record<string, number>;
}

const COURTS = ["Westminster Magistrates' Court", 'Southwark Crown Court', 'Leeds Crown Court', 'Birmingham Crown Court'];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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
    raws.push(await composeEmail({ messageId: `<burst-${n}@firm${n}.example>`, from: `clerk@firm${n}.example`, subject: `Registration ${n}`, attachments: [{ filename: `firm-${n}.xlsx`, content }] }));
  }
  return { raws, users };
}

/**
 * Appends the whole burst while the service is down, then starts one watcher and `workers` worker processes
 * and times the drain from the first pickup to the last email filed. SETUP_RATE_MAX is lifted for this: in
 * production it paces set-up to the platform's rate on purpose, which would be all this measured.
 */
export async function measureBurst(stack: BenchStack, raws: Buffer[], users: number, workers: number, timeoutMs = 600_000): Promise<BurstResult> {
  const user = `burst${workers}w${Date.now().toString(36)}`;
  const env = { ...stack.env(user), SETUP_RATE_MAX: '100000', LOG_LEVEL: 'warn' };
  const appender = await stack.imapClient(user);
  for (const raw of raws) await appender.append('INBOX', raw);
  await appender.logout();
  let activations = 0;
  let counting = true;
  stack.onMessage((message) => {
    if (counting && message.envelope.from === 'noreply@cjscp.org.uk') activations += 1;
  });
  const processes = [startServiceProcess(env, ['watcher'], 'watcher'), ...Array.from({ length: workers }, (_, i) => startServiceProcess(env, ['worker'], `worker-${i + 1}`))];
  const redis = new Redis(stack.redis.url);
  const benchCpuBefore = process.cpuUsage();
  const store = new EmailStore(redis, keysFor(user));
  try {
    const deadline = Date.now() + timeoutMs;
    let records = await store.listSince(0, 100_000);
    while (records.length < raws.length || records.some((record) => record.state !== 'filed')) {
      if (Date.now() > deadline) throw new Error(`burst not drained within ${timeoutMs / 1000} s`);
      for (const process of processes) if (!process.isRunning()) throw new Error(`${process.name} exited during the burst: ${process.output().slice(-500)}`);
      await sleep(250);
      records = await store.listSince(0, 100_000);
    }
    counting = false;
    const first = Math.min(...records.map((record) => record.pickedUpAt));
    const last = Math.max(...records.map((record) => record.filedAt ?? 0));
    const seconds = (at: number) => Math.round((at - first) / 100) / 10;
    const drainSeconds = seconds(last);
    const lastPickupSeconds = seconds(Math.max(...records.map((record) => record.pickedUpAt)));
    const lastDecisionSeconds = seconds(Math.max(...records.map((record) => record.decidedAt ?? 0)));
    const outcomes: Record<string, number> = {};
    for (const record of records) outcomes[record.outcome ?? 'none'] = (outcomes[record.outcome ?? 'none'] ?? 0) + 1;
    const peakRssMb = Object.fromEntries(processes.map((process) => [process.name, process.peakRssMb()]));
    const benchCpu = process.cpuUsage(benchCpuBefore);
    const cpuSeconds = Object.fromEntries([...processes.map((child) => [child.name, child.cpuSeconds()]), ['bench', Math.round((benchCpu.user + benchCpu.system) / 1e5) / 10]]);
    return { workers, emails: raws.length, drainSeconds, lastPickupSeconds, lastDecisionSeconds, formsPerSecond: Math.round((raws.length / drainSeconds) * 10) / 10, outcomes, activationEmailsDuringDrain: activations, usersOnForms: users, peakRssMb, cpuSeconds };
  } finally {
    counting = false;
    await Promise.all(processes.map((process) => process.kill('SIGKILL')));
    redis.disconnect();
  }
}
