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
// Emails are picked up in groups: one FETCH downloads a group, and its Redis writes and queue adds go out together,
// so a burst costs a few round trips per group rather than several per email. The byte bound keeps a group's
// downloads in memory at once small; one email over it still makes a group of its own.
export const GROUP_MAX_EMAILS = 25;
export const GROUP_MAX_BYTES = 32 * 1024 * 1024;

type Picked = { isNew: boolean };
/** A group's downloads, by UID, or the one error that stopped them all. */
type Downloads = { sources: Map<number, Buffer> } | { error: unknown };

/**
 * Hands every email in the mailbox to the queue exactly once. The email's identity comes from its content, so
 * picking it up again after a crash, a reconnect or a mailbox rebuild finds the existing record instead of
 * making a second submission; what the record says decides the next step.
 */
export class Pickup {
  constructor(private readonly deps: PickupDeps) {}

  /**
   * Call without the mailbox lock; `messages` come from a finished FETCH (never download inside one). Each
   * group's download takes the lock for itself alone, so filing, which shares the connection, moves emails in between.
   */
  async handleMessages(client: ImapFlow, scan: ScanContext, messages: FetchMessageObject[]): Promise<ScanSummary> {
    const summary: ScanSummary = { seen: messages.length, pickedUp: 0, highestUid: 0, failedUids: [] };
    let failuresInARow = 0;
    for (const group of inGroups(messages, this.deps.maxMessageBytes)) {
      const results = await this.pickUpGroup(client, scan, group);
      // Read in UID order, as if one at a time: the position stops below the first email that failed.
      for (const [index, message] of group.entries()) {
        const result = results[index]!;
        if (result.status === 'fulfilled') {
          if (result.value.isNew) summary.pickedUp += 1;
          failuresInARow = 0;
        } else {
          // One email that cannot be handled must not hold up the rest of the mailbox behind it.
          summary.failedUids.push(message.uid);
          failuresInARow += 1;
          // A lost connection (IMAP or Redis) fails every email alike: stop, and let the scan be retried as a whole.
          if (!client.usable || failuresInARow >= FAILURES_BEFORE_GIVING_UP_THE_SCAN) throw result.reason;
          this.deps.logger.warn({ err: result.reason, uid: message.uid }, 'email could not be picked up; the next scan tries it again');
        }
        if (summary.failedUids.length === 0) summary.highestUid = Math.max(summary.highestUid, message.uid);
      }
    }
    return summary;
  }

  /** Looks the group up, downloads in one FETCH the emails not yet known that the listing did not bring, records and queues each. */
  private async pickUpGroup(client: ImapFlow, scan: ScanContext, group: FetchMessageObject[]): Promise<PromiseSettledResult<Picked>[]> {
    const locationOf = (message: FetchMessageObject): EmailLocation => ({ mailbox: scan.mailbox, uidValidity: scan.uidValidity, uid: message.uid });
    const known = await Promise.allSettled(group.map((message) => this.knownRecord(locationOf(message))));
    const wanted = group.filter((message, index) => isFulfilledWith(known[index], null) && !this.isTooLarge(message) && !message.source);
    const downloads = await this.downloadAll(client, scan, wanted);
    return Promise.allSettled(
      group.map(async (message, index): Promise<Picked> => {
        const location = locationOf(message);
        const lookup = known[index]!;
        if (lookup.status === 'rejected') throw lookup.reason;
        let picked: { record: EmailRecord; isNew: boolean } = { record: lookup.value!, isNew: false };
        if (!lookup.value)
          picked = await this.recordNew(location, message, this.isTooLarge(message) ? null : (message.source ?? sourceOf(downloads, location)), scan.noticedAt);
        await this.advance(picked.record, location);
        return { isNew: picked.isNew };
      }),
    );
  }

  private isTooLarge(message: FetchMessageObject): boolean {
    return (message.size ?? 0) > this.deps.maxMessageBytes;
  }

  private async knownRecord(location: EmailLocation): Promise<EmailRecord | null> {
    const known = await this.deps.store.emailAt(location);
    return known ? this.deps.store.get(known) : null;
  }

  /** `raw` is null for an email too large to download: its identity comes from what the server says about it. */
  private async recordNew(location: EmailLocation, message: FetchMessageObject, raw: Buffer | null, noticedAt: number) {
    const messageId = message.envelope?.messageId ?? '';
    const size = message.size ?? 0;
    const tooLarge = raw === null;
    const emailId = emailIdFor(messageId, raw ?? `oversized:${size}:${String(message.internalDate ?? '')}`);
    const picked = await this.deps.store.recordPickup({ emailId, messageId, ...location, size, noticedAt, pickedUpAt: Date.now() }, raw);
    if (picked.isNew) this.deps.logger.info({ emailId, uid: location.uid, size }, 'email picked up');
    if (!picked.isNew || !tooLarge) return picked;
    const megabytes = Math.round(this.deps.maxMessageBytes / 1024 / 1024);
    await this.deps.store.recordOutcome(emailId, { outcome: 'review', folder: this.deps.reviewFolder, reason: `the email is larger than ${megabytes} MB` });
    const record = await this.deps.store.get(emailId);
    if (!record) throw new Error(`Record of email ${emailId} missing after pickup`);
    return { record, isNew: true };
  }

  /** The content of each of `messages` the mailbox still holds, or the error that stopped the download. */
  private async downloadAll(client: ImapFlow, scan: ScanContext, messages: FetchMessageObject[]): Promise<Downloads> {
    if (messages.length === 0) return { sources: new Map() };
    const uids = messages.map((message) => message.uid);
    return this.download(client, scan, uids).then(
      (sources) => ({ sources }),
      (error: unknown) => ({ error }),
    );
  }

  /** The content of each of `uids` the mailbox still holds, in one FETCH. */
  private async download(client: ImapFlow, scan: ScanContext, uids: number[]): Promise<Map<number, Buffer>> {
    const lock = await client.getMailboxLock(scan.mailbox);
    try {
      // Filing may have worked in another folder since the scan listed the inbox; the lock opens the inbox again,
      // and a new UIDVALIDITY would mean the listed UIDs now name other emails.
      if (String(client.mailbox && client.mailbox.uidValidity) !== scan.uidValidity) throw new Error('UIDVALIDITY changed during the scan');
      const fetched = await client.fetchAll(uids.join(','), { uid: true, source: true }, { uid: true });
      return new Map(fetched.filter((message) => message.source).map((message) => [message.uid, message.source!]));
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

/** Consecutive emails, at most GROUP_MAX_EMAILS and GROUP_MAX_BYTES to download (too-large emails are not downloaded). */
export function inGroups(messages: FetchMessageObject[], maxMessageBytes: number): FetchMessageObject[][] {
  const groups: FetchMessageObject[][] = [];
  let group: FetchMessageObject[] = [];
  let bytes = 0;
  for (const message of messages) {
    const size = message.size ?? 0;
    const downloaded = size > maxMessageBytes ? 0 : size;
    if (group.length >= GROUP_MAX_EMAILS || (group.length > 0 && bytes + downloaded > GROUP_MAX_BYTES)) {
      groups.push(group);
      group = [];
      bytes = 0;
    }
    group.push(message);
    bytes += downloaded;
  }
  if (group.length > 0) groups.push(group);
  return groups;
}

function isFulfilledWith<T>(result: PromiseSettledResult<T> | undefined, value: T): boolean {
  return result?.status === 'fulfilled' && result.value === value;
}

/** The downloaded content of one email, or why there is none. */
function sourceOf(downloads: Downloads, location: EmailLocation): Buffer {
  if ('error' in downloads) throw downloads.error;
  const raw = downloads.sources.get(location.uid);
  if (!raw) throw new Error(`Email UID ${location.uid} vanished while being picked up`);
  return raw;
}
