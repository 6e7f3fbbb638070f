import type { ImapFlow } from 'imapflow';
import type { MailboxConfig } from '../../src/config.js';

/**
 * Creates the outcome folders that do not exist yet, so the mailbox itself shows every email's state, and finds
 * the Sent folder: the one the server flags \Sent (SPECIAL-USE, RFC 6154: Exchange's "Sent Items", Gmail's
 * "[Gmail]/Sent Mail", localised names too) unless FOLDER_SENT names one; else FOLDER_SENT's default, made here.
 */
export async function prepareFolders(
  client: ImapFlow,
  mailbox: Pick<MailboxConfig, 'folders' | 'sentFolderFixed' | 'sentCopy'>,
): Promise<{ created: string[]; sent: string }> {
  const listed = await client.list();
  const existing = new Set(listed.map((entry) => entry.path));
  const flaggedSent = listed.find((entry) => entry.specialUse === '\\Sent')?.path;
  const sent = !mailbox.sentFolderFixed && flaggedSent ? flaggedSent : mailbox.folders.sent;
  const { processed, review, accepted, rejected } = mailbox.folders;
  const wanted = [processed, review, accepted, rejected, ...(mailbox.sentCopy === 'append' ? [sent] : [])];
  const created: string[] = [];
  for (const folder of wanted) {
    if (existing.has(folder)) continue;
    await client.mailboxCreate(folder);
    created.push(folder);
  }
  return { created, sent };
}
