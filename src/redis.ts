import { Redis } from 'ioredis';

/**
 * One connection factory for the service. BullMQ needs `maxRetriesPerRequest: null` so that its blocking
 * commands wait through a Redis restart instead of failing; our own commands use the same setting so a short
 * outage delays work rather than failing a job.
 */
export function createRedis(url: string, name: string): Redis {
  return new Redis(url, {
    connectionName: name,
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
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
    /** Organisations, users and activation tokens; Lua scripts build the same names from `registry()`. */
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
    watcherHeartbeat: `${prefix}:watcher:heartbeat`,
    watcherLease: `${prefix}:watcher:lease`,
    /** Each mail login's last known state (the mailbox, the two senders), for readiness and the dashboard. */
    authHealth: `${prefix}:auth-health`,
    /** Sends per From address in the last minute and recipients in the last day, as the mail provider counts them. */
    sendQuota: (sender: string, window: 'minute' | 'day') => `${prefix}:send-quota:${sender}:${window}`,
  };
}

export type Keys = ReturnType<typeof keysFor>;
