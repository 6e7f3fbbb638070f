import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ImapFlow } from 'imapflow';
import { simpleParser } from 'mailparser';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { startServiceProcess, type ServiceProcess } from '../bench/service-process.js';
import { EmailStore } from '../src/emails/email-store.js';
import { createRedis, keysFor } from '../src/redis.js';
import { buildHostileCorpus } from './hostile/corpus.js';
import { folderContents, testEnvironment, waitFor } from './helpers/environment.js';

const OUTCOME_FOLDERS = ['Processed', 'Accepted', 'Rejected', 'Review'];
// Measured: the worker peaks at 575-580 MB on this corpus on Node 24 (425-445 MB on Node 20, whose V8 kept less
// memory awaiting collection; more when other tests load the machine), the watcher near 250 MB. Reading a 20 MB text
// body holds about three times its size at once (the budget lets one such email through at a time), on top of about
// 250 MB at rest with two warm form threads, each of which may grow to 128 MB on a hostile file before it is stopped.
// This bounds the whole process with room for a loaded machine's slower garbage collection; the bench's 400 MB
// target is for realistic forms (measured near 370 MB in a 1,000-form burst).
const MEMORY_LIMIT_MB = 680;
// Only these are read as valid forms: each carries a good form under an odd name, type or wrapper.
const GOOD_FORMS_IN_ODD_WRAPPERS = [
  'billion laughs in content types', // [Content_Types].xml is never parsed
  'billion laughs in content types, in a .zip',
  'xlsx named .csv and sent as text/csv',
  'CSV named .xlsx',
  'xlsx with no name, by its type only',
  'xlsx sent as application/zip',
  'line break in the file name',
  'a good form beside the hostile ones',
];
// Each email is read under a 15 s limit and each form checked under another, after waiting behind the rest of
// the corpus in the queue, which a busy machine stretches (about 50 s seen under a load of 20 on two cores);
// beyond this bound something hangs.
const MAX_DECISION_MS = 90_000;

async function corpusIdsIn(mailbox: ImapFlow, folder: string): Promise<string[]> {
  const lock = await mailbox.getMailboxLock(folder);
  try {
    if (!mailbox.mailbox || mailbox.mailbox.exists === 0) return [];
    const messages = await mailbox.fetchAll('1:*', { headers: ['x-corpus-id'] });
    return messages.map((message) => /x-corpus-id:\s*(\S+)/i.exec(message.headers?.toString('latin1') ?? '')?.[1] ?? '?');
  } finally {
    lock.release();
  }
}

/** Replies the test SMTP listener received for this corpus (read raw first: the outbox holds every test's mail). */
async function corpusReplies(tag: string) {
  const dir = inject('outboxDir');
  const replies = [];
  for (const name of readdirSync(dir)) {
    const raw = readFileSync(join(dir, name), 'latin1');
    if (!raw.includes(tag)) continue;
    const parsed = await simpleParser(raw);
    const headerBlock = raw.slice(0, raw.indexOf('\r\n\r\n'));
    replies.push({
      to: parsed.to ? [parsed.to].flat().flatMap((a) => a.value.map((v) => v.address ?? '')) : [],
      messageId: parsed.messageId ?? '',
      headerBlock,
    });
  }
  return replies;
}

describe('hostile inputs', () => {
  const environment = testEnvironment({ LOG_LEVEL: 'warn', LOG_PRETTY: 'false' });
  const redis = createRedis(environment.config.redis, 'test');
  const processes: ServiceProcess[] = [];
  let mailbox: ImapFlow | undefined;

  afterAll(async () => {
    await mailbox?.logout();
    await Promise.all(processes.map((process) => process.kill('SIGKILL')));
    redis.disconnect();
  });

  it('ends every hostile email with one clear reply or in Review, in bounded time and memory, with no crash', async () => {
    const tag = `h${Date.now().toString(36)}`;
    const corpus = await buildHostileCorpus(tag);
    expect(corpus.length).toBeGreaterThanOrEqual(100);
    processes.push(startServiceProcess(environment.env, ['watcher'], 'watcher'), startServiceProcess(environment.env, ['worker'], 'worker'));
    mailbox = await environment.imap();
    for (const email of corpus) await mailbox.append('INBOX', email.raw);

    await waitFor(
      async () => {
        const counts = await folderContents(mailbox!, ['INBOX', ...OUTCOME_FOLDERS]);
        return counts.INBOX === 0 && OUTCOME_FOLDERS.reduce((sum, folder) => sum + counts[folder]!, 0) >= corpus.length;
      },
      'every hostile email to be filed',
      120_000,
    );

    const folderOf = new Map<string, string[]>();
    for (const folder of OUTCOME_FOLDERS) {
      for (const id of await corpusIdsIn(mailbox, folder)) folderOf.set(id, [...(folderOf.get(id) ?? []), folder]);
    }
    const replies = await corpusReplies(tag);
    const repliedTo = new Set(replies.flatMap((reply) => reply.to));
    const outcome = corpus.map((email) => {
      const folders = folderOf.get(email.corpusId) ?? [];
      const answered = repliedTo.has(email.sender);
      const clear = folders.length === 1 && (folders[0] === 'Review' || answered);
      return { label: email.label, folders, answered, clear };
    });
    expect(outcome.filter((entry) => !entry.clear)).toEqual([]);

    // No reply twice, none to an address an answer tried to inject, and no header a sender smuggled in.
    const ids = replies.map((reply) => reply.messageId);
    expect(ids.filter((id, index) => ids.indexOf(id) !== index)).toEqual([]);
    expect(replies.filter((reply) => reply.to.some((to) => to.includes('attacker')))).toEqual([]);
    expect(replies.filter((reply) => /^(bcc|x-injected):/im.test(reply.headerBlock)).map((reply) => reply.headerBlock)).toEqual([]);

    const records = await new EmailStore(redis, keysFor(environment.config.keyPrefix)).listSince(0, 10_000);
    expect(records.filter((record) => record.state !== 'filed').map((record) => record.outcomeReason ?? record.state)).toEqual([]);
    const slowest = Math.max(...records.map((record) => (record.decidedAt ?? Infinity) - record.pickedUpAt));
    expect(slowest).toBeLessThan(MAX_DECISION_MS);

    const health = processes.map((process) => ({ name: process.name, running: process.isRunning(), peakMb: process.peakRssMb() }));
    expect(health.filter((process) => !process.running || process.peakMb >= MEMORY_LIMIT_MB)).toEqual([]);
    const summary = Object.fromEntries(OUTCOME_FOLDERS.map((folder) => [folder, outcome.filter((entry) => entry.folders[0] === folder).length]));
    process.stdout.write(
      `hostile corpus: ${corpus.length} emails; ${JSON.stringify(summary)}; slowest decision ${slowest} ms; peak RSS ${health.map((p) => `${p.name} ${p.peakMb} MB`).join(', ')}\n`,
    );
    expect(
      outcome
        .filter((entry) => entry.folders[0] === 'Accepted')
        .map((entry) => entry.label)
        .sort(),
    ).toEqual([...GOOD_FORMS_IN_ODD_WRAPPERS].sort());
  }, 180_000);
});
