import type { Submission } from '../../submissions/submission-store.js';
import { reasonWords } from '../plain-words.js';
import type { AttentionAction, AttentionItem } from './attention-item.js';

/**
 * Forms held for review, and forms that went through with points for a person (a user registered elsewhere, a
 * rejection the firm's server refused, an activation email cut short). `names` gives each point with ids named.
 */
export function heldFormItems(submissions: readonly Submission[], senders: ReadonlyMap<string, string>, names: ReadonlyMap<string, string>): AttentionItem[] {
  return submissions
    .filter((s) => s.state === 'review' || s.attention.length > 0)
    .map((s) => {
      const actions: AttentionAction[] = [];
      const reasons: string[] = [];
      if (s.state === 'review') {
        reasons.push(`Held for review: ${reasonWords(s.reason) || 'no reason recorded'}`);
        if (s.registration) actions.push({ kind: 'accept', submissionId: s.submissionId });
        actions.push({ kind: 'reject', submissionId: s.submissionId });
      } else {
        actions.push({ kind: 'looked-at', submissionId: s.submissionId });
      }
      for (const point of s.attention) reasons.push(reasonWords(names.get(point) ?? point));
      return {
        key: `form:${s.submissionId}`,
        source: 'form',
        since: s.createdAt,
        who: s.registration?.organisation.name ?? senders.get(s.emailId) ?? 'Sender not known',
        reasons,
        link: { href: `/staff/submissions/${s.submissionId}`, text: s.reference },
        actions,
      };
    });
}
