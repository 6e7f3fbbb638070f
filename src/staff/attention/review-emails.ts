import type { EmailRecord } from '../../emails/email-store.js';
import { reasonWords } from '../plain-words.js';
import type { AttentionAction, AttentionItem } from './attention-item.js';

/** How each reason the pipeline records for an email held without a form reads to staff. */
const REVIEW_REASONS: Array<[RegExp, (match: RegExpExecArray) => string]> = [
  [/^no form attached and the email reads as a question/, () => 'A question for staff: no form was attached, so nothing was sent back'],
  [/^delivery failure report for our reply to (CP-[A-F0-9]+)/, (m) => `A mail server returned our reply to ${m[1]} as undeliverable: the firm has not had it`],
  [/^delivery failure report for an email we could not match/, () => 'A delivery failure report that matches no email we sent'],
  [/^reply not confirmed: (.*)/, (m) => `Our reply may not have reached the sender: ${reasonWords(m[1])}`],
  [/^no reply sent: (.*)/, (m) => `Not answered automatically: ${reasonWords(m[1])}`],
  [/^not accepted automatically: (.*)/, (m) => `The sender could not be verified: ${reasonWords(m[1])}`],
  [/^the email is larger than (\d+) MB/, (m) => `Too large to read: over ${m[1]} MB`],
  [/^could not be handled automatically: (.*)/, (m) => `The service could not handle it: ${reasonWords(m[1])}`],
];

export function reviewReasonWords(reason: string | undefined): string {
  for (const [pattern, words] of REVIEW_REASONS) {
    const match = pattern.exec(reason ?? '');
    if (match) return words(match);
  }
  return reasonWords(reason) || 'Held for review';
}

/** Reading it again can only help when the service itself failed; an oversized or unreadable email stays so. */
const canReprocess = (reason: string | undefined) => /^could not be handled automatically|^the email content was not stored/.test(reason ?? '');

/** The submission a bounce is about, by the reference its reason quotes. */
export const bouncedReference = (reason: string | undefined) => /our reply to (CP-[A-F0-9]+)/.exec(reason ?? '')?.[1] ?? null;

/**
 * Emails the watcher filed in Review that carry no form: they are staff's to answer or close. `submissionIds` maps
 * a reference to its submission so a bounce links to the form whose reply came back.
 */
export function reviewEmailItems(
  emails: readonly EmailRecord[],
  withForms: ReadonlySet<string>,
  bouncedSubmission: ReadonlyMap<string, string>,
): AttentionItem[] {
  return emails
    .filter((e) => e.outcome === 'review' && !e.handled && !withForms.has(e.emailId))
    .map((e) => {
      const actions: AttentionAction[] = [
        { kind: 'replied-by-hand', emailId: e.emailId },
        { kind: 'email-handled', emailId: e.emailId },
      ];
      if (canReprocess(e.outcomeReason)) actions.unshift({ kind: 'reprocess', emailId: e.emailId });
      const reference = bouncedReference(e.outcomeReason);
      const submissionId = reference ? bouncedSubmission.get(reference) : undefined;
      return {
        key: `email:${e.emailId}`,
        source: 'email',
        since: e.decidedAt ?? e.pickedUpAt,
        who: e.envelope?.replyAddress || (reference ? 'Delivery failure report' : 'Sender not read'),
        reasons: [reviewReasonWords(e.outcomeReason)],
        link: submissionId ? { href: `/staff/submissions/${submissionId}`, text: reference! } : null,
        actions,
      };
    });
}
