import { randomBytes } from 'node:crypto';
import type { Job, Queue } from 'bullmq';
import type { ImapFlow } from 'imapflow';
import { Budget } from '../../src/budget.js';
import { emailIdFor } from '../../src/emails/email-identity.js';
import { createEnqueue } from '../../src/enqueue.js';
import type { IntakeError } from '../../src/errors.js';
import { stopFormWorkers } from '../../src/form/index.js';
import { keepSentCopy } from '../../src/mail/keep-sent-copy.js';
import { sendOnce, type OutgoingEmail } from '../../src/mail/send-once.js';
import type { MailTransport, SenderTransport } from '../../src/mail/transport.js';
import { createQueue, QUEUES, type QueueName } from '../../src/queues.js';
import { createRedis, keysFor, type RedisClient } from '../../src/redis.js';
import { ActivationTokens } from '../../src/registry/activation-tokens.js';
import { RedisAccountRegistry } from '../../src/registry/redis-account-registry.js';
import { buildStores } from '../../src/stores.js';
import { outcomeFolders, type FilingDeps } from '../../workers/filing/handler.js';
import { prepareFolders } from '../../services/mailbox-watcher/folders.js';
import type { SentCopyDeps } from '../../workers/sent-copy/handler.js';
import type { PipelineDeps } from '../../workers/pipeline.js';
import { testEnvironment, type TestEnvironment } from '../helpers/environment.js';

/**
 * The one place that knows the shape of PipelineDeps: stage tests reach the stores through `stores` and hand
 * `deps` (or `mailboxDeps`) to the handler, so a change to how the stages receive their stores changes this file only.
 *
 * Everything is real (Redis, queues, the send-once record) except the SMTP server: sends reach a transport that
 * records them, and can be told to fail the way a server would.
 */
export interface StageRig {
  deps: PipelineDeps;
  env: TestEnvironment;
  stores: Pick<PipelineDeps, 'emails' | 'submissions' | 'registry' | 'tokens' | 'overrides'>;
  /** Emails that went out (reached the transport and were recorded as sent), in order. */
  sent: OutgoingEmail[];
  /** Every email a handler asked to send, including those the send record stopped as already sent. */
  given: OutgoingEmail[];
  /** From now on every send fails with this error before DATA (nothing goes out); null sends again. */
  failSends(error: IntakeError | null): void;
  /** Leaves the send record as a process that died after the server answered DATA would: delivery unknown. */
  cutSendShort(email: Pick<OutgoingEmail, 'emailId' | 'kind' | 'to'>): Promise<void>;
  /** The connection and key prefix the test's queues use, for starting workers on them. */
  queueConnection: { connection: RedisClient; prefix: string };
  /** The jobs now in a stage's queue (nothing consumes them), oldest first. */
  jobs(stage: QueueName): Promise<Job[]>;
  /** A connection to the test's own mailbox, its outcome and Sent folders made; logged out by `close`. */
  mailbox(): Promise<ImapFlow>;
  /** What the mailbox stages (filing, copies to Sent) need, working through this IMAP connection. */
  mailboxDeps(client: ImapFlow | null): { filing: FilingDeps; sentCopy: SentCopyDeps };
  /** Records an email as the mailbox watcher does when it picks one up; returns its email id. */
  pickUp(raw: Buffer, location?: { mailbox?: string; uidValidity?: string; uid?: number }): Promise<string>;
  close(): Promise<void>;
}

export interface StageRigOptions {
  /** Settings over the test environment's. */
  env?: Record<string, string>;
  /** The time every store and handler sees; real time unless given. */
  clock?: () => Date;
}

export function createStageRig(options: StageRigOptions = {}): StageRig {
  const env = testEnvironment(options.env);
  const clock = options.clock ?? (() => new Date());
  const { config } = env;
  const redis = createRedis(config.redis, 'stage-test');
  const keys = keysFor(config.keyPrefix);
  const queues = Object.fromEntries(Object.values(QUEUES).map((name) => [name, createQueue(name, redis, keys.bullPrefix)])) as Record<QueueName, Queue>;
  const sent: OutgoingEmail[] = [];
  const given: OutgoingEmail[] = [];
  let failure: IntakeError | null = null;
  let imap: Promise<ImapFlow> | undefined;

  const recorder: SenderTransport = {
    sender: config.smtp.onboarding,
    async sendRaw(_envelope, _raw, beforeData) {
      if (failure) throw failure;
      await beforeData?.();
    },
    verify: async () => undefined,
    close: () => undefined,
  };
  const transport: MailTransport = { forSender: () => recorder, all: () => [recorder], close: () => undefined };
  const enqueue = createEnqueue(queues);
  const stores = buildStores(redis, keys, config);
  const keepCopy = config.imap.sentCopy === 'skip' ? undefined : keepSentCopy(stores.sentCopies, enqueue, config.smtp.onboarding.from);
  const sendDeps = { records: stores.sendRecords, transport, keepCopy, metrics: stores.metrics, sentTexts: stores.sentTexts };

  const deps: PipelineDeps = {
    config,
    emails: stores.emails,
    submissions: stores.submissions,
    // The registry and the links run on the test's clock.
    registry: new RedisAccountRegistry(redis, keys, clock),
    tokens: new ActivationTokens(redis, keys, {}, clock),
    userSubmissions: stores.userSubmissions,
    overrides: stores.overrides,
    courts: stores.courts,
    replyAllowances: stores.replyAllowances,
    metrics: stores.metrics,
    async send(email) {
      given.push(email);
      const outcome = await sendOnce(sendDeps, email);
      if (outcome === 'sent') sent.push(email);
      return outcome;
    },
    sendState: (email) => stores.sendRecords.state(email),
    enqueue,
    bufferBudget: new Budget(config.limits.maxMessageBytes),
    now: clock,
  };

  return {
    deps,
    env,
    stores: { emails: deps.emails, submissions: deps.submissions, registry: deps.registry, tokens: deps.tokens, overrides: deps.overrides },
    sent,
    given,
    failSends(error) {
      failure = error;
    },
    async cutSendShort(email) {
      await redis.set(stores.sendRecords.keyFor(email), `data:${Date.now()}:${randomBytes(8).toString('hex')}`);
    },
    queueConnection: { connection: redis, prefix: keys.bullPrefix },
    async jobs(stage) {
      const jobs = await queues[stage].getJobs(['waiting', 'prioritized', 'delayed', 'active', 'completed', 'failed']);
      return jobs.sort((a, b) => a.timestamp - b.timestamp);
    },
    mailbox() {
      imap ??= env.imap().then(async (client) => {
        await prepareFolders(client, config.imap);
        return client;
      });
      return imap;
    },
    mailboxDeps(client) {
      const { imap } = config;
      return {
        filing: { store: deps.emails, mailbox: imap.mailbox, outcomeFolders: outcomeFolders(imap.folders), connection: () => client },
        sentCopy: { copies: stores.sentCopies, sentFolder: () => imap.folders.sent, connection: () => client },
      };
    },
    async pickUp(raw, location = {}) {
      const messageId = /^Message-ID:\s*(<[^>]+>)/im.exec(raw.toString('latin1'))?.[1] ?? null;
      const emailId = emailIdFor(messageId, raw);
      const now = Date.now();
      await deps.emails.recordPickup(
        {
          emailId,
          messageId: messageId ?? '',
          mailbox: location.mailbox ?? config.imap.mailbox,
          uidValidity: location.uidValidity ?? '1',
          uid: location.uid ?? 1,
          size: raw.length,
          noticedAt: now,
          pickedUpAt: now,
        },
        raw,
      );
      return emailId;
    },
    async close() {
      if (imap) await (await imap).logout();
      await Promise.all(Object.values(queues).map((queue) => queue.close()));
      await stopFormWorkers();
      const stale = await redis.keys(`${config.keyPrefix}:*`);
      if (stale.length > 0) await redis.del(...stale);
      redis.disconnect();
    },
  };
}
