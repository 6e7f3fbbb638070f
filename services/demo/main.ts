import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
import { ConfigError, loadConfig } from '../../src/config.js';
import { referenceFor } from '../../src/emails/email-identity.js';
import type { EmailRecord, EmailStore } from '../../src/emails/email-store.js';
import { createLogger } from '../../src/logger.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { createRedis, keysFor } from '../../src/redis.js';
import { demoEmails } from '../../src/samples/sample-emails.js';
import { buildStores } from '../../src/stores.js';
import { runUntilSignalled } from '../run-until-signalled.js';
import { ROLES, startService } from '../service.js';
import { startLocalStack } from './local-stack.js';

// The service's main job on an embedded default: every server it needs started locally under var/, the
// mailbox seeded with sample emails, each processed and reported, then the service keeps running.
const say = (line = '') => process.stdout.write(`${line}\n`);

async function seedMailbox(imapUrl: string, mailbox: string, emails: Array<{ label: string; raw: Buffer }>) {
  const url = new URL(imapUrl);
  const client = new ImapFlow({
    host: url.hostname,
    port: Number(url.port),
    secure: url.protocol === 'imaps:',
    auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) },
    logger: false,
  });
  await client.connect();
  try {
    for (const email of emails) await client.append(mailbox, email.raw);
  } finally {
    await client.logout();
  }
}

async function waitUntilFiled(store: EmailStore, count: number, since: number, timeoutMs: number): Promise<EmailRecord[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const records = (await store.listSince(since)).filter((record) => record.state === 'filed');
    if (records.length >= count || Date.now() > deadline) return records;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function main() {
  const varDir = join(PROJECT_ROOT, 'var');
  const stack = await startLocalStack(varDir, process.env);
  const env: NodeJS.ProcessEnv = { NODE_ENV: 'development', LOG_PRETTY: 'true', LOG_LEVEL: 'info', ...process.env, ...stack.env };
  let config;
  try {
    config = loadConfig(env, true);
  } catch (error) {
    await stack.stop();
    throw error;
  }
  const logger = createLogger(config.log);
  say('Onboarding intake demo');
  for (const line of stack.started) say(`  started ${line}`);
  const service = await startService(config, ROLES, logger);
  runUntilSignalled(
    {
      stop: async () => {
        await service.stop();
        await stack.stop();
      },
    },
    config.shutdownTimeoutMs,
    logger,
  );

  const samples = await demoEmails();
  const since = Date.now();
  await seedMailbox(env.IMAP_URL ?? '', config.imap.mailbox, samples);
  say(`  seeded ${config.imap.mailbox} with ${samples.length} sample emails: ${samples.map((s) => s.label).join('; ')}`);

  const redis = createRedis(config.redis, 'demo-report');
  const stores = buildStores(redis, keysFor(config.keyPrefix), config);
  const records = await waitUntilFiled(stores.emails, samples.length, since, 30_000);
  // A staff account for this run only, so the dashboard can be tried at once.
  const staffPassword = randomBytes(12).toString('base64url');
  await stores.accounts.set('demo', staffPassword, 'administrator');
  await redis.quit();
  say();
  say('What happened:');
  for (const record of records) {
    say(`  ${referenceFor(record.emailId)}: ${record.outcome} (${record.outcomeReason}) → folder "${record.outcomeFolder}"`);
  }
  if (records.length < samples.length) say(`  ${samples.length - records.length} email(s) still in progress; see the log above`);
  say();
  say('Where to look:');
  if (stack.outboxDir) say(`  replies sent:   ${stack.outboxDir}/*.eml`);
  say(`  the mailbox:    ${config.imap.host}:${config.imap.port}, folders ${[config.imap.mailbox, ...Object.values(config.imap.folders)].join(', ')}`);
  say(`  health:         http://localhost:${config.http.port}/readyz`);
  say(`  staff pages:    http://localhost:${config.http.port}/staff (user demo, password ${staffPassword})`);
  say('Still watching the mailbox for new email. Press Ctrl-C to stop.');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String((error as Error).stack ?? error)}\n`);
  process.exit(1);
});
