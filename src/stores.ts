import type { Config } from './config.js';
import { courtDirectoryFor, type CourtDirectory } from './courts/court-directory.js';
import { EmailStore } from './emails/email-store.js';
import { MailboxPositions } from './emails/mailbox-positions.js';
import { SentCopyStore } from './emails/sent-copy-store.js';
import { SentTexts } from './emails/sent-texts.js';
import { WatcherHeartbeatStore } from './health/watcher-heartbeat.js';
import { RedisLease, type LeaseEvents } from './lease.js';
import { AuthHealthStore } from './mail-auth/auth-health.js';
import { ReplyAllowances } from './mail/reply-limit.js';
import { SendQuota } from './mail/send-quota.js';
import { SendRecords } from './mail/send-records.js';
import { MetricsCounters } from './metrics/counters.js';
import { PriorityOverrides } from './priority/priority-overrides.js';
import type { Keys, RedisClient } from './redis.js';
import { redisReachable } from './redis-checks.js';
import { ActivationTokens } from './registry/activation-tokens.js';
import { RedisAccountRegistry } from './registry/redis-account-registry.js';
import { UserSubmissions } from './registry/user-submissions.js';
import { AttentionMarks } from './staff/attention/attention-marks.js';
import { AuditLog } from './staff/audit-log.js';
import { SessionSecret } from './staff/session-secret.js';
import { RedisSessionStore } from './staff/session-store.js';
import { SignInAttempts } from './staff/sign-in-attempts.js';
import { StaffAccounts } from './staff/staff-accounts.js';
import { SubmissionStore } from './submissions/submission-store.js';

/**
 * Every store the service keeps in Redis, one module per set of keys. Roles take what they need from here
 * and hand stores (never the connection or key names) to handlers and pages.
 */
export interface Stores {
  emails: EmailStore;
  mailboxPositions: MailboxPositions;
  sentCopies: SentCopyStore;
  sentTexts: SentTexts;
  submissions: SubmissionStore;
  registry: RedisAccountRegistry;
  tokens: ActivationTokens;
  userSubmissions: UserSubmissions;
  overrides: PriorityOverrides;
  courts: CourtDirectory;
  replyAllowances: ReplyAllowances;
  sendQuota: SendQuota;
  sendRecords: SendRecords;
  metrics: MetricsCounters;
  authHealth: AuthHealthStore;
  heartbeat: WatcherHeartbeatStore;
  accounts: StaffAccounts;
  signInAttempts: SignInAttempts;
  sessions: RedisSessionStore;
  sessionSecret: SessionSecret;
  audit: AuditLog;
  attentionMarks: AttentionMarks;
  /** The lease that lets one watcher at a time read the mailbox. */
  watcherLease(events: LeaseEvents): RedisLease;
  /** Whether Redis answers, for readiness. */
  reachable(): Promise<boolean>;
}

export function buildStores(redis: RedisClient, keys: Keys, config: Config): Stores {
  const submissions = new SubmissionStore(redis, keys, { fileRetentionDays: config.formFileRetentionDays });
  return {
    emails: new EmailStore(redis, keys),
    mailboxPositions: new MailboxPositions(redis, keys),
    sentCopies: new SentCopyStore(redis, keys),
    sentTexts: new SentTexts(redis, keys),
    submissions,
    registry: new RedisAccountRegistry(redis, keys),
    tokens: new ActivationTokens(redis, keys),
    userSubmissions: new UserSubmissions(redis, keys),
    overrides: new PriorityOverrides(redis, keys),
    courts: courtDirectoryFor(redis, keys),
    replyAllowances: new ReplyAllowances(redis, keys),
    sendQuota: new SendQuota(redis, keys, config.sendLimits),
    sendRecords: new SendRecords(redis, keys),
    metrics: new MetricsCounters(redis, keys),
    authHealth: new AuthHealthStore(redis, keys.authHealth),
    heartbeat: new WatcherHeartbeatStore(redis, keys),
    accounts: new StaffAccounts(redis, keys),
    signInAttempts: new SignInAttempts(redis, keys),
    sessions: new RedisSessionStore(redis, keys, config.staff.sessionHours * 3600),
    sessionSecret: new SessionSecret(redis, keys),
    audit: new AuditLog(redis, keys, submissions),
    attentionMarks: new AttentionMarks(redis, keys),
    watcherLease: (events) => new RedisLease(redis, keys.watcherLease, config.watcherLeaseTtlMs, events),
    reachable: () => redisReachable(redis),
  };
}
