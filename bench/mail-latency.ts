import { ImapFlow } from 'imapflow';
import { Queue } from 'bullmq';
import { loadConfig } from '../src/config.js';
import { EmailStore } from '../src/emails/email-store.js';
import { createLogger } from '../src/logger.js';
import { jobIds, QUEUES } from '../src/queues.js';
import { createRedis, keysFor } from '../src/redis.js';
import { composeEmail, sampleWorkbook } from '../src/samples/sample-emails.js';
import { ROLES, startService } from '../services/service.js';
import type { BenchStack } from './bench-stack.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await sleep(2);
  }
}

/**
 * The floor: how long Dovecot takes to tell an IDLE client about a new email after its APPEND completes.
 * No watcher can pick an email up sooner than this.
 */
export async function measureIdleFloor(stack: BenchStack, samples: number): Promise<number[]> {
  const appender = await stack.imapClient('floor');
  const idler = new ImapFlow({
    host: '127.0.0.1',
    port: stack.dovecot.port,
    secure: false,
    auth: { user: 'floor', pass: 'floor' },
    logger: false,
    autoIdleDelay: 20,
  });
  await idler.connect();
  await idler.mailboxOpen('INBOX');
  let lastExists = 0;
  idler.on('exists', () => (lastExists = Date.now()));
  const results: number[] = [];
  for (let index = 0; index < samples; index += 1) {
    await sleep(60);
    lastExists = 0;
    await appender.append('INBOX', `Subject: floor ${index}\r\nMessage-ID: <floor-${index}@bench>\r\n\r\nx\r\n`);
    const appendedAt = Date.now();
    const seenAt = await until(() => (lastExists >= appendedAt - 5 ? lastExists : undefined));
    results.push(seenAt - appendedAt);
  }
  await idler.logout();
  await appender.logout();
  return results;
}

/** Pickup (APPEND completed → job queued) and end to end (APPEND completed → reply at the SMTP listener). */
export async function measureServiceLatency(stack: BenchStack, samples: number, warmUp = 5) {
  const env = stack.env('latency');
  const config = loadConfig(env);
  const service = await startService(config, ROLES, createLogger(config.log));
  const redis = createRedis(config.redis, 'test');
  const keys = keysFor(config.keyPrefix);
  const store = new EmailStore(redis, keys);
  const queue = new Queue(QUEUES.intake, { connection: redis, prefix: keys.bullPrefix });
  const replies = new Map<string, number>();
  stack.onMessage((message, receivedAt) => {
    const inReplyTo = /^In-Reply-To:\s*(<[^>]+>)/im.exec(message.raw.toString('latin1'))?.[1];
    if (inReplyTo) replies.set(inReplyTo, receivedAt);
  });
  const appender = await stack.imapClient('latency');
  const workbook = await sampleWorkbook();
  const pickup: number[] = [];
  const notified: number[] = [];
  const ownShare: number[] = [];
  const endToEnd: number[] = [];
  await sleep(500);
  for (let index = 0; index < samples + warmUp; index += 1) {
    const messageId = `<latency-${index}-${Date.now()}@bench.example>`;
    const raw = await composeEmail({ messageId, attachments: [{ filename: 'form.xlsx', content: workbook }] });
    await sleep(60);
    const before = Date.now();
    await appender.append('INBOX', raw);
    const appendedAt = Date.now();
    const repliedAt = await until(() => replies.get(messageId));
    const record = (await store.listSince(before - 1)).find((candidate) => candidate.messageId === messageId);
    const job = record ? await queue.getJob(jobIds.intake({ emailId: record.emailId })) : undefined;
    if (!job) throw new Error('job not found');
    if (index < warmUp) continue;
    pickup.push(job.timestamp - appendedAt);
    notified.push(record!.noticedAt - appendedAt);
    ownShare.push(job.timestamp - record!.noticedAt);
    endToEnd.push(repliedAt - appendedAt);
  }
  await appender.logout();
  await queue.close();
  redis.disconnect();
  await service.stop();
  return { pickup, notified, ownShare, endToEnd };
}
