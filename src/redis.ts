import { Cluster, Redis, type ClusterOptions, type RedisOptions } from 'ioredis';
import type { RedisConfig } from './redis-config.js';

/** A connection to a plain or Sentinel-managed Redis, or to a Redis Cluster: the commands the service uses are the same. */
export type RedisClient = Redis | Cluster;

const retryStrategy = (attempt: number) => Math.min(attempt * 200, 2_000);

/**
 * The one connection factory, for BullMQ's connections and the service's own. BullMQ needs
 * `maxRetriesPerRequest: null` so that its blocking commands wait through a Redis restart or failover instead of
 * failing; our own commands use the same setting so a short outage delays work rather than failing a job.
 */
export function createRedis(settings: RedisConfig, name: string): RedisClient {
  const tls = settings.tls ? { ...(settings.tls.ca ? { ca: settings.tls.ca } : {}) } : undefined;
  const common: RedisOptions = {
    connectionName: name,
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    retryStrategy,
    ...(settings.username ? { username: settings.username } : {}),
    ...(settings.password ? { password: settings.password } : {}),
    ...(tls ? { tls } : {}),
    // A primary demoted by a failover answers writes with READONLY: reconnect (to the new primary) and resend.
    reconnectOnError: (error) => (error.message.startsWith('READONLY') ? 2 : false),
  };
  const { topology } = settings;
  if (topology.kind === 'standalone') return new Redis({ ...common, ...topology.node, db: topology.db });
  if (topology.kind === 'sentinel') {
    return new Redis({
      ...common,
      sentinels: topology.sentinels,
      name: topology.name,
      db: topology.db,
      ...(topology.sentinelUsername ? { sentinelUsername: topology.sentinelUsername } : {}),
      ...(topology.sentinelPassword ? { sentinelPassword: topology.sentinelPassword } : {}),
      ...(tls ? { enableTLSForSentinelMode: true, sentinelTLS: tls } : {}),
      sentinelRetryStrategy: retryStrategy,
      // No `failoverDetector`: when its +switch-master message arrives while the client is already reconnecting
      // (the old primary stopped, as in every failover), it aborts that reconnect and ioredis gives the
      // connection up for good, so commands fail and BullMQ's workers stall. The demoted primary closes its
      // clients itself (it stopped, or Sentinel kills them as it reconfigures it), and READONLY reconnects above.
      failoverDetector: false,
    });
  }
  const options: ClusterOptions = {
    redisOptions: common,
    clusterRetryStrategy: retryStrategy,
    enableReadyCheck: true,
    // Certificates name the hosts the nodes announce, so TLS must not see them through a DNS lookup's result.
    ...(tls ? { dnsLookup: (address: string, callback: (error: null, address: string) => void) => callback(null, address) } : {}),
  };
  return new Cluster(topology.nodes, options);
}

/** Redis key names, all under one prefix so that several deployments (or tests) can share a server. */
export function keysFor(prefix: string) {
  return {
    bullPrefix: `${prefix}:bull`,
    email: (emailId: string) => `${prefix}:email:${emailId}`,
    emailRaw: (emailId: string) => `${prefix}:email-raw:${emailId}`,
    emailsByTime: `${prefix}:emails`,
    location: (mailbox: string, uidValidity: string, uid: number) => `${prefix}:loc:${mailbox}:${uidValidity}:${uid}`,
    mailboxState: (mailbox: string) => `${prefix}:mailbox:${mailbox}`,
    priorityOverride: (submissionId: string) => `${prefix}:priority-override:${submissionId}`,
    /** Organisations, users and activation tokens; their Lua scripts receive every one of these keys in KEYS. */
    registry: (...parts: string[]) => [prefix, 'registry', ...parts].join(':'),
    replyLimit: (senderKey: string) => `${prefix}:reply-limit:${senderKey}`,
    /** One record per form received, its file, its timeline, and the indexes the dashboard and linking use. */
    submissionRecord: (submissionId: string) => `${prefix}:sub:${submissionId}`,
    submissionFile: (submissionId: string) => `${prefix}:sub-file:${submissionId}`,
    submissionTimeline: (submissionId: string) => `${prefix}:sub-timeline:${submissionId}`,
    submissionReference: (reference: string) => `${prefix}:sub-ref:${reference}`,
    submissionsByTime: `${prefix}:subs`,
    /** The submission that last invited a user, for reminders and staff re-sends. */
    userSubmission: (userId: string) => `${prefix}:user-sub:${userId}`,
    emailSubmissions: (emailId: string) => `${prefix}:email-subs:${emailId}`,
    sentCopy: (copyId: string) => `${prefix}:sent-copy:${copyId}`,
    /** Staff accounts, sessions and the audit log of what staff did. */
    staff: (...parts: string[]) => [prefix, 'staff', ...parts].join(':'),
    /** Service-wide counters, so any process's /metrics reports the totals of all of them. */
    metrics: `${prefix}:metrics`,
    /** Staff edits to the court list (go-live dates), over the list shipped in courts.json. */
    courtEdits: `${prefix}:court-edits`,
    sent: (emailId: string, kind: string, recipientKey: string) => `${prefix}:sent:${emailId}:${kind}:${recipientKey}`,
    /** The text of every email sent about one received email, for its submission page. */
    sentTexts: (emailId: string) => `${prefix}:sent-texts:${emailId}`,
    watcherHeartbeat: `${prefix}:watcher:heartbeat`,
    watcherLease: `${prefix}:watcher:lease`,
    /** Each mail login's last known state (the mailbox, the two senders), for readiness and the dashboard. */
    authHealth: `${prefix}:auth-health`,
    /** Sends per From address in the last minute and recipients in the last day, as the mail provider counts them. */
    sendQuota: (sender: string, window: 'minute' | 'day') => `${prefix}:send-quota:${sender}:${window}`,
  };
}

export type Keys = ReturnType<typeof keysFor>;
