import { EmailStore } from '../src/emails/email-store.js';
import { PROJECT_ROOT } from '../src/paths.js';
import { createRedis, keysFor } from '../src/redis.js';
import { loadConfig } from '../src/config.js';
import { composeEmail } from '../src/samples/sample-emails.js';
import { firmForm } from '../test/helpers/forms.js';
import type { BenchStack } from './bench-stack.js';
import { startServiceProcess, type ServiceProcess } from './service-process.js';

export interface ResumeSample {
  /** Services started and ready (watching, worker started) → reply to the first form at the SMTP listener. */
  firstFormMs: number;
  /** Of which: APPEND → picked up by the watcher. */
  firstPickupMs: number;
  /** The same for the next form, with everything warm. */
  nextFormMs: number;
  /** SIGKILL of the watcher (a new one started at once, as a supervisor would) → a new email picked up. */
  resumePickupMs: number;
  /** The same → its reply at the SMTP listener. */
  resumeReplyMs: number;
}

const FORM_CHECKS_READY_MS = 10_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(probe: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

const saysReady = (child: ServiceProcess, line: string, timeoutMs?: number) =>
  until(() => (child.output().includes(line) ? true : undefined), `${child.name} to start`, timeoutMs);

/**
 * One watcher and one worker process started fresh on their own mailbox, as production runs them: the first form
 * after start-up and the next, then a SIGKILL of the watcher, a new watcher started at once, and a new email.
 */
export async function measureResume(stack: BenchStack, sample: number, checkout = PROJECT_ROOT): Promise<ResumeSample> {
  const user = `resume${sample}${Date.now().toString(36)}`;
  const env = { ...stack.env(user), LOG_LEVEL: 'info' };
  const redis = createRedis(loadConfig(env).redis, 'bench');
  const store = new EmailStore(redis, keysFor(user));
  const replies = new Map<string, number>();
  stack.onMessage((message, receivedAt) => {
    const inReplyTo = /^In-Reply-To:\s*(<[^>]+>)/im.exec(message.raw.toString('latin1'))?.[1];
    if (inReplyTo) replies.set(inReplyTo, receivedAt);
  });
  const appender = await stack.imapClient(user);
  const form = async (n: number) => {
    const messageId = `<resume-${user}-${n}@firm${n}.example>`;
    const content = await firmForm(9000 + sample * 10 + n, 'Leeds Crown Court', 20);
    return {
      messageId,
      raw: await composeEmail({ messageId, from: `clerk@firm${n}.example`, subject: `Registration ${n}`, attachments: [{ filename: 'form.xlsx', content }] }),
    };
  };
  const emails = await Promise.all([1, 2, 3].map(form));
  const start = (role: 'watcher' | 'worker') => startServiceProcess(env, [role], role, checkout);
  const processes = [start('watcher'), start('worker')];
  const pickedUp = (messageId: string, since: number) =>
    until(async () => (await store.listSince(since - 1)).find((record) => record.messageId === messageId)?.pickedUpAt, 'a pickup');
  const replyAfter = async (email: { messageId: string; raw: Buffer }) => {
    await appender.append('INBOX', email.raw);
    const appendedAt = Date.now();
    const replyMs = Math.round((await until(() => replies.get(email.messageId), 'a reply')) - appendedAt);
    return { replyMs, pickupMs: (await pickedUp(email.messageId, appendedAt - 1_000)) - appendedAt };
  };
  try {
    await Promise.all([saysReady(processes[0]!, 'watching mailbox'), saysReady(processes[1]!, 'service started')]);
    // A version that warms its form checks at start-up says when they are ready; one that does not is given as long.
    await saysReady(processes[1]!, 'form checks ready', FORM_CHECKS_READY_MS).catch(() => undefined);
    const first = await replyAfter(emails[0]!);
    const next = await replyAfter(emails[1]!);
    await processes[0]!.kill('SIGKILL');
    const killedAt = Date.now();
    processes.push(start('watcher'));
    await appender.append('INBOX', emails[2]!.raw);
    const pickedUpAt = await pickedUp(emails[2]!.messageId, killedAt);
    const repliedAt = await until(() => replies.get(emails[2]!.messageId), 'the reply after the crash');
    return {
      firstFormMs: first.replyMs,
      firstPickupMs: first.pickupMs,
      nextFormMs: next.replyMs,
      resumePickupMs: pickedUpAt - killedAt,
      resumeReplyMs: Math.round(repliedAt - killedAt),
    };
  } finally {
    await appender.logout();
    await Promise.all(processes.map((child) => child.kill('SIGKILL')));
    redis.disconnect();
  }
}

const say = (line = '') => process.stdout.write(`${line}\n`);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)]!;

/** `samples` fresh starts of each version: the first form's time and the resume after a SIGKILL, median and worst. */
export async function resumeSection(
  stack: BenchStack,
  results: Record<string, unknown>,
  versions: Array<{ version: string; checkout?: string }>,
  samples: number,
) {
  const measured: Array<{ version: string; samples: ResumeSample[] }> = [];
  for (const { version, checkout } of versions) {
    say(`Measuring the first form after start-up and the resume after a SIGKILL of the watcher, ${version}, ${samples} times…`);
    const runs: ResumeSample[] = [];
    for (let sample = 0; sample < samples; sample += 1) runs.push(await measureResume(stack, sample, checkout));
    measured.push({ version, samples: runs });
  }
  const summary = measured.map(({ version, samples: runs }) => {
    const figure = (key: keyof ResumeSample) => ({ median: median(runs.map((run) => run[key])), max: Math.max(...runs.map((run) => run[key])) });
    return {
      version,
      firstFormMs: figure('firstFormMs'),
      firstPickupMs: figure('firstPickupMs'),
      nextFormMs: figure('nextFormMs'),
      resumePickupMs: figure('resumePickupMs'),
      resumeReplyMs: figure('resumeReplyMs'),
      samples: runs,
    };
  });
  results.resume = { target: { resumePickupMs: 5000 }, versions: summary };
  say();
  say(
    '| version | first form after start: reply (ms) | of which pickup (ms) | next form: reply (ms) | SIGKILL → new email picked up (ms) | SIGKILL → its reply (ms) |',
  );
  say(
    '|---------|-------------------------------------|----------------------|-----------------------|-------------------------------------|--------------------------|',
  );
  for (const row of summary) {
    const cell = (figure: { median: number; max: number }) => `${figure.median} (worst ${figure.max})`;
    say(
      `| ${row.version} | ${cell(row.firstFormMs)} | ${cell(row.firstPickupMs)} | ${cell(row.nextFormMs)} | ${cell(row.resumePickupMs)} | ${cell(row.resumeReplyMs)} |`,
    );
  }
  say('Medians of fresh starts; the new watcher is started as soon as the old one is dead, as a supervisor restarts it.');
}
