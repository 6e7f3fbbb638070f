import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { imapLogin, MailLoginEnvSchema, MailSettingError, smtpSender, type MailLogin, type SmtpSenderConfig } from './mail-config.js';
import { missingRedisLocation, redisConfig, RedisEnvSchema, RedisSettingError, type RedisConfig } from './redis-config.js';
import { resolveSecretFiles, type ReadSecretFile } from './secret-files.js';
import { staffSignInConfig, StaffOidcEnvSchema, StaffOidcSettingError, type StaffSignInConfig } from './staff/oidc-settings.js';

/** Thrown when a setting is missing or malformed; its message is the one line shown at start-up. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const urlWithProtocols = (protocols: string[]) =>
  z.string().refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`,
  );

const email = z.email('must be an email address');
const positiveInt = z.coerce.number().int().positive();
const folderName = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[^*%\r\n]+$/, 'must be a mailbox folder name');

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
    LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
    LOG_PRETTY: z.enum(['auto', 'true', 'false']).default('auto'),
    IMAP_URL: urlWithProtocols(['imap:', 'imaps:']),
    IMAP_MAILBOX: z.string().min(1).default('INBOX'),
    IMAP_POLL_INTERVAL_MS: positiveInt.default(30_000),
    IMAP_TLS_REJECT_UNAUTHORIZED: z.enum(['true', 'false']).default('true'),
    FOLDER_PROCESSED: folderName.default('Processed'),
    FOLDER_REVIEW: folderName.default('Review'),
    FOLDER_ACCEPTED: folderName.default('Accepted'),
    FOLDER_REJECTED: folderName.default('Rejected'),
    FOLDER_SENT: folderName.optional(),
    SENT_COPY: z.enum(['append', 'skip']).default('append'),
    SMTP_URL: urlWithProtocols(['smtp:', 'smtps:']),
    SEND_LIMIT_PER_MINUTE: positiveInt.default(30),
    SEND_RECIPIENTS_PER_DAY: positiveInt.default(10_000),
    AUTH_RETRY_MAX_MS: positiveInt.default(300_000),
    ONBOARDING_ADDRESS: email.default('CPOnboarding@justice.gov.uk'),
    ACTIVATION_FROM: email.default('noreply@cjscp.org.uk'),
    PUBLIC_BASE_URL: urlWithProtocols(['http:', 'https:']).default('http://localhost:3000'),
    HTTP_HOST: z.string().min(1).default('0.0.0.0'),
    HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    // `true` would believe the left-most X-Forwarded-For, which the client writes: only hops or addresses.
    HTTP_TRUST_PROXY: z
      .string()
      .regex(
        /^(false|[1-9]\d{0,1}|[0-9a-fA-F.:/]+(,[0-9a-fA-F.:/]+)*)$/,
        'must be false, the number of proxies in front (1, 2…) or a comma-separated list of their addresses (not true: any client could then name its own address)',
      )
      .default('false'),
    MAX_MESSAGE_BYTES: positiveInt.default(25 * 1024 * 1024),
    MAX_MIME_PARTS: positiveInt.default(100),
    MAX_MIME_DEPTH: positiveInt.default(10),
    WORKER_CONCURRENCY: positiveInt.default(4),
    SETUP_RATE_MAX: positiveInt.default(10),
    SETUP_RATE_WINDOW_MS: positiveInt.default(1_000),
    REPLY_LIMIT_PER_HOUR: positiveInt.default(10),
    REPLY_LIMIT_PER_DAY: positiveInt.default(30),
    SENDER_AUTH_MODE: z.enum(['headers', 'verify']).default('headers'),
    SENDER_AUTH_TRUSTED_SERVERS: z.string().default(''),
    MAX_ATTACHMENTS: positiveInt.default(20),
    WATCHER_STALE_AFTER_MS: positiveInt.default(120_000),
    WATCHER_LEASE_TTL_MS: positiveInt.default(4_000),
    SHUTDOWN_TIMEOUT_MS: positiveInt.default(9_000),
    FORM_FILE_RETENTION_DAYS: positiveInt.default(90),
    STAFF_SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    STAFF_SESSION_HOURS: positiveInt.default(8),
    METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  })
  .extend(MailLoginEnvSchema.shape)
  .extend(RedisEnvSchema.shape)
  .extend(StaffOidcEnvSchema.shape);

type Env = z.infer<typeof EnvSchema>;

/** Fastify's `trustProxy`: off, a hop count (the right-most N addresses are proxies), or the proxies' addresses. */
export type TrustProxy = false | number | string;

const trustProxyOf = (value: string): TrustProxy => (value === 'false' ? false : /^\d+$/.test(value) ? Number(value) : value);

export interface MailboxConfig {
  host: string;
  port: number;
  secure: boolean;
  /** The mailbox address (or user name) and how the service logs in to it. */
  user: string;
  login: Exclude<MailLogin, { kind: 'none' }>;
  mailbox: string;
  pollIntervalMs: number;
  rejectUnauthorized: boolean;
  folders: { processed: string; review: string; accepted: string; rejected: string; sent: string };
  /** FOLDER_SENT was set: use it even when the server flags another folder as \Sent. */
  sentFolderFixed: boolean;
  /** `skip` where the SMTP server files what it sends itself (Exchange Online, Gmail): no doubles in Sent. */
  sentCopy: 'append' | 'skip';
  /** The longest wait between logins after the server or the token service refused the credentials. */
  authRetryMaxMs: number;
}

export interface Config {
  env: Env['NODE_ENV'];
  log: { level: Env['LOG_LEVEL']; pretty: boolean };
  redis: RedisConfig;
  /** Prefix of every key; on Redis Cluster a hash tag such as {intake}. */
  keyPrefix: string;
  imap: MailboxConfig;
  /** The two senders: replies to firms from the onboarding address, activation emails from the no-reply one. */
  smtp: { onboarding: SmtpSenderConfig; activation: SmtpSenderConfig };
  /** Per From address, as Exchange Online enforces: 30 messages a minute, 10,000 recipients a day. */
  sendLimits: { perMinute: number; recipientsPerDay: number };
  onboardingAddress: string;
  activationFrom: string;
  publicBaseUrl: string;
  /** `trustProxy`: how many proxies, or which ones, to believe about the client and https, as Fastify takes it. */
  http: { host: string; port: number; trustProxy: TrustProxy };
  limits: { maxMessageBytes: number; maxMimeParts: number; maxMimeDepth: number; maxAttachments: number };
  workerConcurrency: number;
  /** The set-up step is rate-limited as the platform is; in a backlog, priority decides who goes first. */
  setupRate: { max: number; windowMs: number };
  replyLimits: { perHour: number; perDay: number };
  senderAuth: { mode: 'headers' | 'verify'; trustedAuthservIds: string[] };
  watcherStaleAfterMs: number;
  watcherLeaseTtlMs: number;
  shutdownTimeoutMs: number;
  /** Days a form file is kept once its form is accepted or rejected. */
  formFileRetentionDays: number;
  /** Dashboard sign-in: the cookie-signing secret (made and kept in Redis when unset), session length, single sign-on. */
  staff: { sessionSecret: string | null; sessionHours: number } & StaffSignInConfig;
  /** Bearer token for /metrics; without one only loopback and private networks may scrape. */
  metricsToken: string | null;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const key = issue.path.join('.') || '(environment)';
  const missing = issue.code === 'invalid_type' && issue.message.includes('undefined');
  return missing ? `${key} is required but not set` : `${key} ${issue.message}`;
}

function parseImapUrl(raw: string, env: Env, settings: Record<string, string | undefined>): MailboxConfig {
  const url = new URL(raw);
  const secure = url.protocol === 'imaps:';
  const login = imapLogin(settings, url);
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : secure ? 993 : 143,
    secure,
    user: login.user,
    login,
    mailbox: env.IMAP_MAILBOX,
    pollIntervalMs: env.IMAP_POLL_INTERVAL_MS,
    rejectUnauthorized: env.IMAP_TLS_REJECT_UNAUTHORIZED === 'true',
    folders: {
      processed: env.FOLDER_PROCESSED,
      review: env.FOLDER_REVIEW,
      accepted: env.FOLDER_ACCEPTED,
      rejected: env.FOLDER_REJECTED,
      sent: env.FOLDER_SENT ?? 'Sent',
    },
    sentFolderFixed: env.FOLDER_SENT !== undefined,
    sentCopy: env.SENT_COPY,
    authRetryMaxMs: env.AUTH_RETRY_MAX_MS,
  };
}

/** Reads and checks every setting once; the rest of the code receives the result, never process.env. */
export function loadConfig(source: NodeJS.ProcessEnv, isTerminal = false, readSecretFile?: ReadSecretFile): Config {
  const cleaned = cleanedEnv(source, readSecretFile);
  try {
    return buildConfig(cleaned, isTerminal, readSecretFile ?? ((path) => readFileSync(path, 'utf8')));
  } catch (error) {
    if (error instanceof MailSettingError || error instanceof RedisSettingError || error instanceof StaffOidcSettingError)
      throw new ConfigError(`Invalid configuration: ${error.message}`);
    throw error;
  }
}

/** Only what reaching the service's Redis needs (the REDIS_* settings, KEY_PREFIX): for tools such as `npm run staff`. */
export function loadRedisConfig(source: NodeJS.ProcessEnv, readSecretFile?: ReadSecretFile): Pick<Config, 'redis' | 'keyPrefix'> {
  const cleaned = cleanedEnv(source, readSecretFile);
  const noRedis = missingRedisLocation(cleaned);
  if (noRedis) throw new ConfigError(`Invalid configuration: ${noRedis}`);
  const parsed = RedisEnvSchema.safeParse(cleaned);
  if (!parsed.success) throw new ConfigError(`Invalid configuration: ${describeIssue(parsed.error.issues[0]!)}`);
  try {
    return { redis: redisConfig(parsed.data, readSecretFile ?? ((path) => readFileSync(path, 'utf8'))), keyPrefix: parsed.data.KEY_PREFIX };
  } catch (error) {
    if (error instanceof RedisSettingError) throw new ConfigError(`Invalid configuration: ${error.message}`);
    throw error;
  }
}

/** The environment without blank values, and with every `NAME_FILE` read into `NAME`. */
function cleanedEnv(source: NodeJS.ProcessEnv, readSecretFile?: ReadSecretFile): Record<string, string | undefined> {
  try {
    return resolveSecretFiles(Object.fromEntries(Object.entries(source).filter(([, value]) => value !== '')), readSecretFile);
  } catch (error) {
    throw new ConfigError(`Invalid configuration: ${(error as Error).message}`);
  }
}

function buildConfig(cleaned: Record<string, string | undefined>, isTerminal: boolean, readFile: ReadSecretFile): Config {
  const noRedis = missingRedisLocation(cleaned);
  if (noRedis) throw new ConfigError(`Invalid configuration: ${noRedis}`);
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new ConfigError(first ? `Invalid configuration: ${describeIssue(first)}` : 'Invalid configuration');
  }
  const env = parsed.data;
  const folderNames = [env.IMAP_MAILBOX, env.FOLDER_PROCESSED, env.FOLDER_REVIEW, env.FOLDER_ACCEPTED, env.FOLDER_REJECTED, env.FOLDER_SENT ?? 'Sent'];
  if (new Set(folderNames).size !== folderNames.length) {
    throw new ConfigError('Invalid configuration: IMAP_MAILBOX and the FOLDER_* settings must all differ');
  }
  return {
    env: env.NODE_ENV,
    log: { level: env.LOG_LEVEL, pretty: env.LOG_PRETTY === 'true' || (env.LOG_PRETTY === 'auto' && isTerminal) },
    redis: redisConfig(env, readFile),
    keyPrefix: env.KEY_PREFIX,
    imap: parseImapUrl(env.IMAP_URL, env, cleaned),
    smtp: { onboarding: smtpSender(cleaned, 'onboarding', env.ONBOARDING_ADDRESS), activation: smtpSender(cleaned, 'activation', env.ACTIVATION_FROM) },
    sendLimits: { perMinute: env.SEND_LIMIT_PER_MINUTE, recipientsPerDay: env.SEND_RECIPIENTS_PER_DAY },
    onboardingAddress: env.ONBOARDING_ADDRESS,
    activationFrom: env.ACTIVATION_FROM,
    publicBaseUrl: env.PUBLIC_BASE_URL.replace(/\/+$/, ''),
    http: { host: env.HTTP_HOST, port: env.HTTP_PORT, trustProxy: trustProxyOf(env.HTTP_TRUST_PROXY) },
    limits: {
      maxMessageBytes: env.MAX_MESSAGE_BYTES,
      maxMimeParts: env.MAX_MIME_PARTS,
      maxMimeDepth: env.MAX_MIME_DEPTH,
      maxAttachments: env.MAX_ATTACHMENTS,
    },
    workerConcurrency: env.WORKER_CONCURRENCY,
    setupRate: { max: env.SETUP_RATE_MAX, windowMs: env.SETUP_RATE_WINDOW_MS },
    replyLimits: { perHour: env.REPLY_LIMIT_PER_HOUR, perDay: env.REPLY_LIMIT_PER_DAY },
    senderAuth: {
      mode: env.SENDER_AUTH_MODE,
      trustedAuthservIds: env.SENDER_AUTH_TRUSTED_SERVERS.split(',')
        .map((id) => id.trim())
        .filter(Boolean),
    },
    watcherStaleAfterMs: env.WATCHER_STALE_AFTER_MS,
    watcherLeaseTtlMs: env.WATCHER_LEASE_TTL_MS,
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    formFileRetentionDays: env.FORM_FILE_RETENTION_DAYS,
    staff: {
      sessionSecret: env.STAFF_SESSION_SECRET ?? null,
      sessionHours: env.STAFF_SESSION_HOURS,
      ...staffSignInConfig(env),
    },
    metricsToken: env.METRICS_TOKEN ?? null,
  };
}
