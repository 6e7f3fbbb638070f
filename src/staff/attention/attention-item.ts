/** Something waiting on a person, in words, with what resolves it. */
export interface AttentionItem {
  /** Stable across page loads: what an action on the page names. */
  key: string;
  source: 'form' | 'email' | 'job' | 'activation';
  /** Since when it has waited (ms); the list is oldest first. */
  since: number;
  /** Who it concerns: the firm's name from its form, else the sender. */
  who: string;
  /** Why it waits, in plain English. */
  reasons: string[];
  /** Where to read more (a submission, an organisation). */
  link: { href: string; text: string } | null;
  /** The actions that apply to this item; the page draws a control for each. */
  actions: AttentionAction[];
}

export type AttentionAction =
  | { kind: 'accept'; submissionId: string }
  | { kind: 'reject'; submissionId: string }
  | { kind: 'looked-at'; submissionId: string }
  | { kind: 'email-handled'; emailId: string }
  | { kind: 'replied-by-hand'; emailId: string }
  | { kind: 'reprocess'; emailId: string }
  | { kind: 'retry-job'; queue: string; jobId: string }
  | { kind: 'dismiss-job'; queue: string; jobId: string }
  | { kind: 'resend-activation'; userId: string };
