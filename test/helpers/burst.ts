import type { ImapFlow } from 'imapflow';
import { expect } from 'vitest';
import { composeEmail, sampleWorkbook } from '../../src/samples/sample-emails.js';
import { folderContents, outboxEmails, waitFor } from './environment.js';

export interface Burst {
  tag: string;
  messageIds: string[];
}

/** `count` distinct emails, each with a form attached, identified by a tag in their Message-IDs. */
export async function composeBurst(count: number): Promise<{ burst: Burst; emails: Buffer[] }> {
  const tag = `burst${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const workbook = await sampleWorkbook();
  const messageIds: string[] = [];
  const emails: Buffer[] = [];
  for (let index = 0; index < count; index += 1) {
    const messageId = `<${tag}-${index}@firm${index}.example>`;
    messageIds.push(messageId);
    emails.push(
      await composeEmail({
        messageId,
        from: `clerk${index}@firm${index}.example`,
        subject: `Registration ${index}`,
        attachments: [{ filename: `form-${index}.xlsx`, content: workbook }],
      }),
    );
  }
  return { burst: { tag, messageIds }, emails };
}

async function messageIdsIn(mailbox: ImapFlow, folder: string): Promise<Set<string>> {
  const lock = await mailbox.getMailboxLock(folder);
  try {
    const messages = mailbox.mailbox && mailbox.mailbox.exists > 0 ? await mailbox.fetchAll('1:*', { envelope: true }) : [];
    return new Set(messages.map((message) => message.envelope?.messageId ?? ''));
  } finally {
    lock.release();
  }
}

/**
 * Waits until every email of the burst is filed, then checks that none got two replies and none is left in
 * the inbox. Every email in Accepted got exactly one acknowledgement. When the service was killed while a reply was
 * in flight (`allowUncertain`), that email goes to Review instead, unanswered or answered once, never twice.
 * `alreadyFiled`: emails the mailbox had in Accepted and Review before the burst.
 */
export async function expectEachHandledOnce(
  mailbox: ImapFlow,
  burst: Burst,
  options: { timeoutMs?: number; allowUncertain?: boolean; alreadyFiled?: number } = {},
) {
  const count = burst.messageIds.length + (options.alreadyFiled ?? 0);
  await waitFor(
    async () => {
      const folders = await folderContents(mailbox, ['INBOX', 'Accepted', 'Review']);
      return folders.INBOX === 0 && (folders.Accepted ?? 0) + (folders.Review ?? 0) === count;
    },
    `all ${count} emails to be filed`,
    options.timeoutMs ?? 60_000,
  );
  const inReview = await messageIdsIn(mailbox, 'Review');
  const replies = await outboxEmails((email) => String(email.parsed.inReplyTo ?? '').includes(burst.tag));
  const perEmail = new Map<string, number>();
  for (const reply of replies) {
    const id = String(reply.parsed.inReplyTo);
    perEmail.set(id, (perEmail.get(id) ?? 0) + 1);
  }
  const unanswered = burst.messageIds.filter((id) => !perEmail.has(id) && !inReview.has(id));
  const repeated = [...perEmail].filter(([, n]) => n > 1).map(([id]) => id);
  expect({ unanswered, repeated }).toEqual({ unanswered: [], repeated: [] });
  if (!options.allowUncertain) expect([...inReview]).toEqual([]);
  return { uncertain: inReview.size, replies: replies.length };
}
