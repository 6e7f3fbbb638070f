import type { Budget } from '../src/budget.js';
import type { FormsInHand } from './forms-in-hand.js';
import type { Config } from '../src/config.js';
import type { CourtDirectory } from '../src/courts/court-directory.js';
import type { EmailStore } from '../src/emails/email-store.js';
import type { Enqueue } from '../src/enqueue.js';
import type { ReplyAllowances } from '../src/mail/reply-limit.js';
import type { SendOutcome, OutgoingEmail } from '../src/mail/send-once.js';
import type { MetricsCounters } from '../src/metrics/counters.js';
import type { PriorityOverrides } from '../src/priority/priority-overrides.js';
import type { AccountRegistry } from '../src/registry/account-registry.js';
import type { ActivationTokens } from '../src/registry/activation-tokens.js';
import type { UserSubmissions } from '../src/registry/user-submissions.js';
import type { Submission, SubmissionStore } from '../src/submissions/submission-store.js';

/** Everything the queue stages share; each handler takes what it needs and knows nothing of BullMQ. */
export interface PipelineDeps {
  config: Config;
  emails: EmailStore;
  submissions: SubmissionStore;
  registry: AccountRegistry;
  tokens: ActivationTokens;
  userSubmissions: UserSubmissions;
  overrides: PriorityOverrides;
  courts: CourtDirectory;
  replyAllowances: ReplyAllowances;
  metrics: MetricsCounters;
  send: (email: OutgoingEmail) => Promise<SendOutcome>;
  /** Whether this email went out before, or may have (a retry must not prepare it again). */
  sendState: (email: Pick<OutgoingEmail, 'emailId' | 'kind' | 'to'>) => Promise<'sent' | 'uncertain' | null>;
  enqueue: Enqueue;
  /** Bytes of emails and form files being worked on at once across this process's jobs (bounds memory). */
  bufferBudget: Budget;
  now: () => Date;
  /** This process's running form jobs, which activation emails give way to (one is made when left out). */
  formsInHand?: FormsInHand;
}

/** A reply's kind, numbered for the second and later forms of one email so each is sent once. */
export function kindFor(kind: string, submission: Pick<Submission, 'index'>): string {
  return submission.index === 1 ? kind : `${kind}-${submission.index}`;
}
