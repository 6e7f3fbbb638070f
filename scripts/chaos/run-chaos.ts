import type { ImapFlow } from 'imapflow';
import { startBenchStack, type BenchStack } from '../../bench/bench-stack.js';
import { EmailStore } from '../../src/emails/email-store.js';
import { QUEUES } from '../../src/queues.js';
import { keysFor, type RedisClient } from '../../src/redis.js';
import { auditChaos, type AuditReport, type ReceivedReply } from './audit.js';
import { chaosEmails } from './chaos-emails.js';
import { startFleet, type Fleet } from './fleet.js';

export interface ChaosOptions {
  emails: number;
  /** Pause between two appends, so the faults land throughout the burst. */
  appendEveryMs: number;
  faultEveryMs: number;
  settleTimeoutMs: number;
  seed?: number;
  say?: (line: string) => void;
  /** Redis as a primary and replica behind Sentinels, its primary failed over as the Redis fault, every other fault. */
  redisFailover?: boolean;
}

export interface ChaosResult extends AuditReport {
  faults: string[];
  seconds: number;
  peakRssMb: Record<string, number>;
}

const FAULTS = ['kill watcher', 'kill worker', 'disrupt redis', 'restart dovecot'] as const;
type Fault = (typeof FAULTS)[number];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A small deterministic generator, so a failing run can be repeated with its seed. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

function parseReply(raw: string): ReceivedReply {
  const header = (name: string) => new RegExp(`^${name}:\\s*(.+)$`, 'im').exec(raw.slice(0, raw.indexOf('\r\n\r\n')))?.[1]?.trim() ?? null;
  return {
    messageId: header('Message-ID') ?? '',
    inReplyTo: header('In-Reply-To'),
    to: (header('To') ?? '').split(',').map((to) => /<?([^<>\s]+@[^<>\s]+)>?/.exec(to)?.[1] ?? to.trim()),
  };
}

async function settled(redis: RedisClient, prefix: string, appended: number, inbox: () => Promise<number>): Promise<boolean> {
  const keys = keysFor(prefix);
  const records = await new EmailStore(redis, keys).listSince(0, 1_000_000);
  if (records.length < appended || records.some((record) => record.state !== 'filed') || (await inbox()) > 0) return false;
  for (const queue of Object.values(QUEUES)) {
    if (queue === QUEUES.housekeeping) continue;
    const base = `${keys.bullPrefix}:${queue}`;
    const pending =
      (await redis.llen(`${base}:wait`)) +
      (await redis.llen(`${base}:active`)) +
      (await redis.zcard(`${base}:delayed`)) +
      (await redis.zcard(`${base}:prioritized`));
    if (pending > 0) return false;
  }
  return true;
}

/**
 * Appends emails while SIGKILLing watchers and workers and restarting Redis and Dovecot at random, then lets
 * the survivors finish and audits every email. Everything runs on its own Redis, Dovecot and SMTP listener.
 */
export async function runChaos(options: ChaosOptions): Promise<ChaosResult> {
  const say = options.say ?? (() => undefined);
  const random = seeded(options.seed ?? Date.now());
  // Replies to some senders are held for a moment, so some SIGKILLs land while a reply is being sent.
  const stack: BenchStack = await startBenchStack({
    smtpDelayFor: (envelope) => (envelope.rcptTo.some((to) => to.address.startsWith('slow')) ? 400 : 0),
    redis: options.redisFailover ? 'sentinel' : 'standalone',
  });
  const received: ReceivedReply[] = [];
  stack.onMessage((message) => received.push(parseReply(message.raw.toString('latin1'))));
  const user = `chaos${Date.now().toString(36)}`;
  const env = {
    ...stack.env(user),
    WATCHER_LEASE_TTL_MS: '1500',
    IMAP_POLL_INTERVAL_MS: '3000',
    SETUP_RATE_MAX: '1000',
    REPLY_LIMIT_PER_HOUR: '1000',
    REPLY_LIMIT_PER_DAY: '1000',
  };
  const redis = stack.redis.connect('chaos-audit');
  redis.on('error', () => undefined);
  let fleet: Fleet | undefined;
  let appender: ImapFlow | undefined;
  const started = Date.now();
  try {
    say(`Generating ${options.emails} emails…`);
    const emails = await chaosEmails(options.emails, user);
    fleet = startFleet(env, { watchers: 2, workers: 2 });
    appender = await stack.imapClient(user);
    let mailboxPaused: Promise<void> = Promise.resolve();
    let appending: Promise<unknown> = Promise.resolve();
    let appendsDone = false;
    const faults: string[] = [];
    const faultLoop = (async () => {
      const order = [...FAULTS].sort(() => random() - 0.5);
      const pick = (): Fault => FAULTS[Math.floor(random() * FAULTS.length)]!;
      while (!appendsDone) {
        await sleep(options.faultEveryMs * (0.5 + random()));
        if (appendsDone) break;
        // A failover is what this mode is about: every other fault is one, the rest as in the plain run.
        const fault = order.shift() ?? (options.redisFailover && faults.length % 2 === 1 ? 'disrupt redis' : pick());
        const at = `${((Date.now() - started) / 1000).toFixed(1)}s`;
        if (fault === 'kill watcher' || fault === 'kill worker') {
          const slot = await fleet!.killOne(fault === 'kill watcher' ? 'watcher' : 'worker', random);
          faults.push(`${at} SIGKILL ${slot}`);
        } else if (fault === 'disrupt redis') {
          faults.push(`${at} ${await stack.redis.disrupt()}`);
        } else {
          // The appender stands aside: an APPEND cut by the restart could not tell whether it landed.
          let resume = () => undefined as void;
          mailboxPaused = new Promise<void>((resolve) => (resume = resolve));
          await appending;
          await appender!.logout().catch(() => undefined);
          await stack.dovecot.restart();
          appender = await stack.imapClient(user);
          resume();
          faults.push(`${at} restarted Dovecot`);
        }
        say(`  fault: ${faults.at(-1)}`);
      }
    })();
    for (const email of emails) {
      await mailboxPaused;
      appending = appender.append('INBOX', email.raw);
      await appending;
      await sleep(options.appendEveryMs);
    }
    appendsDone = true;
    await faultLoop;
    await fleet.settle();
    say(`Appended ${emails.length} emails with ${faults.length} faults; waiting for the service to finish…`);
    const inbox = async () => {
      const status = await appender!.status('INBOX', { messages: true }).catch(() => false as const);
      return status ? (status.messages ?? 0) : 1;
    };
    const deadline = Date.now() + options.settleTimeoutMs;
    while (!(await settled(redis, user, emails.length, inbox)) && Date.now() < deadline) await sleep(500);
    await sleep(1_000); // a wrongly repeated send would show itself now
    const report = await auditChaos(appender, redis, keysFor(user), emails, received);
    const peakRssMb = Object.fromEntries(fleet.all.map((process, index) => [`${process.name}#${index}`, process.peakRssMb()]));
    return { ...report, faults, seconds: Math.round((Date.now() - started) / 1000), peakRssMb };
  } finally {
    await appender?.logout().catch(() => undefined);
    await fleet?.stop();
    redis.disconnect();
    await stack.stop();
  }
}
