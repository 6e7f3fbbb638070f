import type { EmailEnvelope } from '../emails/email-store.js';
import { replyMessageId, replySubject, threadHeaders } from './reply-headers.js';
import type { OutgoingEmail } from './send-once.js';
import type { RenderedEmail } from './templates.js';

/** A reply to a firm's email: to its Reply-To or sender, in the same thread, marked as automatic. */
export function threadedReply(
  envelope: EmailEnvelope,
  reply: { emailId: string; kind: string; from: string; rendered: RenderedEmail; attachments?: OutgoingEmail['attachments'] },
): OutgoingEmail {
  const { emailId, kind, from, rendered } = reply;
  return {
    ...rendered,
    subject: replySubject(envelope.subject, rendered.subject),
    emailId,
    kind,
    from,
    to: envelope.replyAddress,
    messageId: replyMessageId(emailId, kind, envelope.replyAddress, from),
    ...threadHeaders(envelope.messageId, envelope.references),
    attachments: reply.attachments,
    autoReply: true,
  };
}
