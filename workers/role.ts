import type { Queue } from 'bullmq';
import { Budget } from '../src/budget.js';
import type { Config } from '../src/config.js';
import { startFormWorkers, stopFormWorkers } from '../src/form/index.js';
import type { Logger } from '../src/logger.js';
import { keepSentCopy } from '../src/mail/keep-sent-copy.js';
import { sendOnce, type KeepCopy } from '../src/mail/send-once.js';
import { SendRecords } from '../src/mail/send-records.js';
import { TokenSources } from '../src/mail-auth/token-sources.js';
import { senderAuthWarning } from '../src/mail/sender-auth.js';
import { createMailTransport } from '../src/mail/transport.js';
import { createEnqueue } from '../src/enqueue.js';
import { CATALOGUE, type QueueName } from '../src/queues.js';
import { createRedis, type Keys, type RedisClient } from '../src/redis.js';
import type { Stores } from '../src/stores.js';
import { FormsInHand } from './forms-in-hand.js';
import type { PipelineDeps } from './pipeline.js';
import { startRoleStages } from './stages.js';

const SWEEP_EVERY_MS = 5 * 60_000;

export interface WorkerRoleDeps {
  config: Config;
  redis: RedisClient;
  keys: Keys;
  stores: Stores;
  queues: Record<QueueName, Queue>;
  logger: Logger;
}

/** The worker role: every queue stage, with the SMTP transport and the stores they share. */
export async function startWorkerRole(deps: WorkerRoleDeps): Promise<{ close(): Promise<void> }> {
  const { config, redis, keys, stores, queues } = deps;
  const { metrics, authHealth } = stores;
  const enqueue = createEnqueue(queues);
  const transport = createMailTransport(config.smtp, new TokenSources(), {
    authRetryMaxMs: config.imap.authRetryMaxMs,
    hooks: {
      onLogin(sender, outcome) {
        const connection = `sender:${sender}` as const;
        if (outcome.ok) {
          void authHealth.succeeded(connection).catch(() => undefined);
          return;
        }
        void authHealth.failed(connection, outcome.failure).catch(() => undefined);
        void metrics.authFailure(outcome.failure.stage, connection);
        deps.logger.error(
          { sender, stage: outcome.failure.stage, code: outcome.failure.code, permanent: outcome.failure.permanent },
          `sender login failed: ${outcome.failure.reason}`,
        );
      },
    },
  });
  // Exchange Online and Gmail file what they send in Sent themselves: a second copy would be a double.
  const keepCopy: KeepCopy | undefined = config.imap.sentCopy === 'skip' ? undefined : keepSentCopy(stores.sentCopies, enqueue, config.smtp.onboarding.from);
  // WAIT holds its connection until the replicas answer: send records get their own, so other work never waits on it.
  const { waitReplicas } = config.redis;
  const recordsRedis = waitReplicas > 0 ? createRedis(config.redis, `${config.keyPrefix}:send-records`) : redis;
  if (recordsRedis !== redis) recordsRedis.on('error', (error) => deps.logger.warn({ err: error }, 'redis connection error (send records)'));
  const sendDeps = {
    records: recordsRedis === redis ? stores.sendRecords : new SendRecords(recordsRedis, keys),
    transport,
    keepCopy,
    replicas: waitReplicas,
    quota: stores.sendQuota,
    metrics,
    sentTexts: stores.sentTexts,
  };
  const pipeline: PipelineDeps = {
    config,
    emails: stores.emails,
    submissions: stores.submissions,
    registry: stores.registry,
    tokens: stores.tokens,
    userSubmissions: stores.userSubmissions,
    overrides: stores.overrides,
    courts: stores.courts,
    replyAllowances: stores.replyAllowances,
    metrics,
    send: (email) => sendOnce(sendDeps, email),
    sendState: (email) => stores.sendRecords.state(email),
    enqueue,
    // One email at the size limit at a time, or several smaller ones; typical forms never wait.
    bufferBudget: new Budget(config.limits.maxMessageBytes),
    now: () => new Date(),
    formsInHand: new FormsInHand(),
  };
  const authWarning = senderAuthWarning(config.senderAuth);
  if (authWarning) deps.logger.warn(authWarning);
  // Learn at start-up, not at the first firm's reply, whether the senders can log in.
  for (const sender of transport.all()) {
    if (sender.sender.login.kind !== 'none') void sender.verify().catch(() => undefined);
  }
  // One schedule in Redis however many workers run: upserting it is idempotent.
  void queues.housekeeping
    .upsertJobScheduler(
      'activation-sweep',
      { every: SWEEP_EVERY_MS },
      { name: CATALOGUE.housekeeping.jobName({ task: 'activation-sweep' }), data: { task: 'activation-sweep' } },
    )
    .catch((error: unknown) => deps.logger.error({ err: error }, 'could not schedule the activation sweep'));
  // The first form must not wait while a thread loads the readers.
  const warming = Date.now();
  void startFormWorkers().then(() => deps.logger.info({ ms: Date.now() - warming }, 'form checks ready'));
  const workers = await startRoleStages('worker', pipeline, {
    connection: redis,
    prefix: keys.bullPrefix,
    concurrency: config.workerConcurrency,
    logger: deps.logger,
    metrics,
  });
  return {
    async close() {
      await Promise.all(workers.map((worker) => worker.close()));
      await stopFormWorkers();
      transport.close();
      if (recordsRedis !== redis) await recordsRedis.quit();
    },
  };
}
