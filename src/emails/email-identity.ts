import { createHash } from 'node:crypto';

/**
 * An email's identity is its Message-ID together with a hash of its content: a second pickup of the same
 * email (after a crash, a reconnect or a mailbox rebuild) gets the same id, while a genuine re-submission is a
 * new email with a new Message-ID and so a new id, even when the attached form is unchanged.
 */
export function emailIdFor(messageId: string | null, content: Buffer | string): string {
  const contentHash = createHash('sha256').update(content).digest('hex');
  return createHash('sha256')
    .update(`${messageId ?? ''}\n${contentHash}`)
    .digest('hex')
    .slice(0, 32);
}

/** The reference firms quote: short, unambiguous and derived from the email id. */
export function referenceFor(emailId: string): string {
  return `CP-${emailId.slice(0, 8).toUpperCase()}`;
}
