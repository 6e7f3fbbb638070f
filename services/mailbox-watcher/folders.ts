import type { ImapFlow } from 'imapflow';

/** Creates the outcome folders that do not exist yet; the mailbox itself then shows every email's state. */
export async function ensureFolders(client: ImapFlow, folders: string[]): Promise<string[]> {
  const existing = new Set((await client.list()).map((entry) => entry.path));
  const created: string[] = [];
  for (const folder of folders) {
    if (existing.has(folder)) continue;
    await client.mailboxCreate(folder);
    created.push(folder);
  }
  return created;
}
