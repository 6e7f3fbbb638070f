import { appendFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { ImapFlow } from 'imapflow';
import { simpleParser, type ParsedMail } from 'mailparser';
import { inject } from 'vitest';
import { loadConfig, type Config } from '../../src/config.js';

export interface TestEnvironment {
  /** Settings as the service reads them from its environment. */
  env: Record<string, string>;
  config: Config;
  user: string;
  password: string;
  imap(): Promise<ImapFlow>;
}

/** A mailbox user and Redis key prefix of its own, so tests never see each other's emails or jobs. */
export function testEnvironment(overrides: Record<string, string> = {}): TestEnvironment {
  const id = randomBytes(5).toString('hex');
  const user = `user-${id}`;
  const password = `pw-${id}`;
  appendFileSync(join(inject('dovecotDir'), 'users'), `${user}:{PLAIN}${password}::::::\n`);
  const port = inject('dovecotPort');
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    REDIS_URL: inject('redisUrl'),
    KEY_PREFIX: `t-${id}`,
    IMAP_URL: `imap://${user}:${password}@127.0.0.1:${port}`,
    SMTP_URL: inject('smtpUrl'),
    HTTP_HOST: '127.0.0.1',
    HTTP_PORT: '0',
    IMAP_POLL_INTERVAL_MS: '5000',
    SETUP_RATE_MAX: '200',
    // The test SMTP listener is not Exchange Online: bursts are not held to 30 emails a minute.
    SEND_LIMIT_PER_MINUTE: '100000',
    ...overrides,
  };
  return {
    env,
    config: loadConfig(env),
    user,
    password,
    async imap() {
      const client = new ImapFlow({ host: '127.0.0.1', port, secure: false, auth: { user, pass: password }, logger: false });
      await client.connect();
      return client;
    },
  };
}

export interface ReceivedEmail {
  file: string;
  parsed: ParsedMail;
  raw: string;
}

/**
 * Every email the test SMTP listener has received that passes `filter`. The listener is shared by every test
 * file, so `since` (ms) keeps out what earlier files sent to the same addresses; file names start with the
 * time of receipt.
 */
export async function outboxEmails(filter: (email: ReceivedEmail) => boolean, since = 0, dir = inject('outboxDir')): Promise<ReceivedEmail[]> {
  const emails: ReceivedEmail[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (Number(name.split('-')[0]) < since) continue;
    const raw = readFileSync(join(dir, name), 'utf8');
    const email = { file: name, parsed: await simpleParser(raw), raw };
    if (filter(email)) emails.push(email);
  }
  return emails;
}

/** Matches the replies threaded under the email with this Message-ID. */
export const repliesTo = (messageId: string) => (email: ReceivedEmail) => email.parsed.inReplyTo === messageId;

export async function waitFor<T>(probe: () => Promise<T | null | undefined | false>, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The UIDs in each of a user's folders. */
export async function folderContents(client: ImapFlow, folders: string[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const folder of folders) {
    const status = await client.status(folder, { messages: true }).catch(() => false as const);
    counts[folder] = status ? (status.messages ?? 0) : 0;
  }
  return counts;
}
