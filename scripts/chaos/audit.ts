import type { ImapFlow } from 'imapflow';
import { EmailStore } from '../../src/emails/email-store.js';
import { SendRecords } from '../../src/mail/send-records.js';
import type { Keys, RedisClient } from '../../src/redis.js';
import { RedisAccountRegistry } from '../../src/registry/redis-account-registry.js';
import type { ChaosEmail } from './chaos-emails.js';

export const OUTCOME_FOLDERS = ['Processed', 'Accepted', 'Rejected', 'Review'] as const;

/** What the SMTP listener received: the sent email's own Message-ID, what it answers, and its recipients. */
export interface ReceivedReply {
  messageId: string;
  inReplyTo: string | null;
  to: string[];
}

export interface AuditReport {
  lost: string[];
  duplicated: string[];
  /** Replies interrupted by a SIGKILL mid-send: filed in Review as "reply not confirmed", never re-sent. */
  uncertain: string[];
  /** Users of accepted forms missing from the registry, or without an activation email nor an uncertain send. */
  registry: string[];
}

async function messageIdsIn(client: ImapFlow, folder: string): Promise<string[]> {
  const lock = await client.getMailboxLock(folder);
  try {
    if (!client.mailbox || client.mailbox.exists === 0) return [];
    return (await client.fetchAll('1:*', { envelope: true })).map((message) => message.envelope?.messageId ?? '');
  } finally {
    lock.release();
  }
}

/**
 * Checks every appended email against the mailbox, the ledger, the registry and what the SMTP listener got.
 * Lost: not in exactly one outcome folder with a final (filed) ledger record. Duplicated: in two places, or
 * any email (same Message-ID: same original, kind and recipient) received twice.
 */
export async function auditChaos(client: ImapFlow, redis: RedisClient, keys: Keys, emails: ChaosEmail[], received: ReceivedReply[]): Promise<AuditReport> {
  const report: AuditReport = { lost: [], duplicated: [], uncertain: [], registry: [] };
  const places = new Map<string, string[]>();
  for (const folder of ['INBOX', ...OUTCOME_FOLDERS]) {
    for (const id of await messageIdsIn(client, folder)) places.set(id, [...(places.get(id) ?? []), folder]);
  }
  const records = new Map((await new EmailStore(redis, keys).listSince(0, 1_000_000)).map((record) => [record.messageId, record]));
  const registry = new RedisAccountRegistry(redis, keys);
  const sendRecords = new SendRecords(redis, keys);
  const activated = new Set(received.filter((reply) => !reply.inReplyTo).flatMap((reply) => reply.to.map((to) => to.toLowerCase())));
  for (const email of emails) {
    const where = places.get(email.messageId) ?? [];
    const record = records.get(email.messageId);
    if (where.length > 1) report.duplicated.push(`${email.messageId} is in ${where.join(' and ')}`);
    else if (where.length === 0 || where[0] === 'INBOX' || record?.state !== 'filed') {
      report.lost.push(`${email.messageId}: folders [${where.join(', ')}], ledger ${record?.state ?? 'none'}`);
    }
    if (record?.outcomeReason && /not confirmed|may already have been sent|DELIVERY_UNCERTAIN/.test(record.outcomeReason))
      report.uncertain.push(email.messageId);
    if (email.kind === 'valid' && where[0] === 'Accepted') {
      for (const address of email.users) {
        const user = await registry.findUserByEmail(address);
        if (!user) report.registry.push(`${address} is not in the registry`);
        else if (!activated.has(address.toLowerCase()) && record) {
          // A send cut short by a SIGKILL once the server had answered DATA is uncertain: staff re-send it, the service never does.
          const identity = { emailId: record.emailId, kind: 'activation', to: address };
          if ((await sendRecords.state(identity)) === 'uncertain') report.uncertain.push(`activation to a user of ${email.messageId}`);
          else
            report.registry.push(
              `a user of ${email.messageId} got no activation email (send state: ${(await sendRecords.read(sendRecords.keyFor(identity))) ?? 'none'})`,
            );
        }
      }
    }
  }
  const counts = new Map<string, number>();
  for (const reply of received) counts.set(reply.messageId, (counts.get(reply.messageId) ?? 0) + 1);
  for (const [messageId, count] of counts) if (count > 1) report.duplicated.push(`${messageId} received ${count} times`);
  return report;
}
