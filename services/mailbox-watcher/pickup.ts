import type { FetchMessageObject, ImapFlow } from 'imapflow';
import { emailIdFor } from '../../src/emails/email-identity.js';
import type { EmailLocation, EmailRecord, EmailStore } from '../../src/emails/email-store.js';
import type { Logger } from '../../src/logger.js';
import type { Enqueue } from '../../src/enqueue.js';

export interface PickupDeps {
  store: EmailStore;
  enqueue: Pick<Enqueue, 'intake' | 'filing'>;
  maxMessageBytes: number;
  reviewFolder: string;
  logger: Logger;
}

export interface ScanContext {
  mailbox: string;
  uidValidity: string;
  /** When the watcher learnt there was something to scan (an IDLE notification, a poll, a reconnect). */
  noticedAt: number;
}

/** Which UIDs of the mailbox to look at, and what was found. */
export interface ScanSummary {
  seen: number;
  pickedUp: number;
  /** The highest UID the next scan of new mail may start after: below the first email that could not be handled. */
  highestUid: number;
  /** UIDs whose pickup failed this time; the next scan tries them again. */
  failedUids: number[];
}

const FAILURES_BEFORE_GIVING_UP_THE_SCAN = 3;

/**
 * Hands every email in the mailbox to the queue exactly once. The email's identity comes from its content, so
 * picking it up again after a crash, a reconnect or a mailbox rebuild finds the existing record instead of
 * making a second submission; what the record says decides the next step.
 */
export class Pickup {
  constructor(private readonly deps: PickupDeps) {}

  /**
   * Call without the mailbox lock; `messages` come from a finished FETCH (never download inside one). Each
   * download takes the lock for itself alone, so filing, which shares the connection, moves emails in between.
   */
  async handleMessages(client: ImapFlow, scan: ScanContext, messages: FetchMessageObject[]): Promise<ScanSummary> {
    const { mailbox, uidValidity } = scan;
    const summary: ScanSummary = { seen: messages.length, pickedUp: 0, highestUid: 0, failedUids: [] };
    let failuresInARow = 0;
    for (const message of messages) {
      const location = { mailbox, uidValidity, uid: message.uid };
      try {
        const { record, isNew } = await this.recognise(client, location, message, scan.noticedAt);
        if (isNew) summary.pickedUp += 1;
        await this.advance(record, location);
        failuresInARow = 0;
      } catch (error) {
        // One email that cannot be handled must not hold up the rest of the mailbox behind it.
        summary.failedUids.push(message.uid);
        failuresInARow += 1;
        // A lost connection (IMAP or Redis) fails every email alike: stop, and let the scan be retried as a whole.
        if (!client.usable || failuresInARow >= FAILURES_BEFORE_GIVING_UP_THE_SCAN) throw error;
        this.deps.logger.warn({ err: error, uid: message.uid }, 'email could not be picked up; the next scan tries it again');
      }
      if (summary.failedUids.length === 0) summary.highestUid = Math.max(summary.highestUid, message.uid);
    }
    return summary;
  }

  private async recognise(client: ImapFlow, location: EmailLocation, message: FetchMessageObject, noticedAt: number) {
    const known = await this.deps.store.emailAt(location);
    const knownRecord = known ? await this.deps.store.get(known) : null;
    if (knownRecord) return { record: knownRecord, isNew: false };

    const messageId = message.envelope?.messageId ?? '';
    const size = message.size ?? 0;
    const tooLarge = size > this.deps.maxMessageBytes;
    // An oversized email is never downloaded: its identity comes from what the server says about it.
    const raw = tooLarge ? null : await this.download(client, location);
    if (!tooLarge && !raw) throw new Error(`Email UID ${location.uid} vanished while being picked up`);
    const emailId = emailIdFor(messageId, raw ?? `oversized:${size}:${String(message.internalDate ?? '')}`);
    const isNew = await this.deps.store.recordPickup({ emailId, messageId, ...location, size, noticedAt, pickedUpAt: Date.now() }, raw);
    if (!isNew) await this.deps.store.moveLocation(emailId, location);
    await this.deps.store.rememberLocation(location, emailId);
    if (isNew && tooLarge) {
      const megabytes = Math.round(this.deps.maxMessageBytes / 1024 / 1024);
      await this.deps.store.recordOutcome(emailId, { outcome: 'review', folder: this.deps.reviewFolder, reason: `the email is larger than ${megabytes} MB` });
    }
    if (isNew) this.deps.logger.info({ emailId, uid: location.uid, size }, 'email picked up');
    const record = await this.deps.store.get(emailId);
    if (!record) throw new Error(`Record of email ${emailId} missing after pickup`);
    return { record, isNew };
  }

  private async download(client: ImapFlow, location: EmailLocation): Promise<Buffer | null> {
    const lock = await client.getMailboxLock(location.mailbox);
    try {
      // Filing may have worked in another folder since the scan listed the inbox; the lock opens the inbox again,
      // and a new UIDVALIDITY would mean the listed UIDs now name other emails.
      if (String(client.mailbox && client.mailbox.uidValidity) !== location.uidValidity) throw new Error('UIDVALIDITY changed during the scan');
      const message = await client.fetchOne(String(location.uid), { uid: true, source: true }, { uid: true });
      return message && message.source ? message.source : null;
    } finally {
      lock.release();
    }
  }

  /** Moves the email on from wherever a crash or restart left it. */
  private async advance(record: EmailRecord, location: EmailLocation): Promise<void> {
    // Not decided yet: the intake job carries it on (a second add of the same job id does nothing).
    if (record.state === 'queued' || record.state === 'in-progress') {
      await this.deps.enqueue.intake({ emailId: record.emailId });
      return;
    }
    // Decided (or filed, when this is a second copy of the same email): it only needs to reach its folder.
    await this.deps.enqueue.filing({ emailId: record.emailId, uidValidity: location.uidValidity, uid: location.uid });
  }
}
