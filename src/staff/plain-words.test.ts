import { describe, expect, it } from 'vitest';
import { emailKindWords, emailOutcomeWords, eventWords, jobFailureWords, reasonWords, submissionStateWords } from './plain-words.js';

describe('plain words for staff', () => {
  it('turns error codes inside a reason into words', () => {
    expect(reasonWords('could not be handled automatically: SMTP_TEMPORARY')).toBe(
      'Could not be handled automatically: the mail server did not take the email for now',
    );
    expect(reasonWords('could not be handled automatically: UnrecoverableError')).not.toMatch(/Unrecoverable/);
    expect(reasonWords('NEW_CODE_NOBODY_KNOWS happened')).toBe('An unexpected error happened');
  });

  it('names states, events and email kinds without their codes', () => {
    expect(submissionStateWords('queued-for-setup')).toBe('Waiting to be set up');
    expect(eventWords('staff-rejection-2-sent')).toBe(eventWords('staff-rejection-sent'));
    expect(eventWords('something-new')).toBe('Something new');
    expect(emailKindWords('activation-resend-1700000000000')).toBe('Activation');
    expect(emailOutcomeWords({ state: 'filed', outcome: 'review', outcomeReason: 'reply not confirmed: SMTP_PERMANENT' })).toBe(
      'Held for review: Reply not confirmed: the mail server refused the email',
    );
  });

  it('says why a job failed for good', () => {
    expect(jobFailureWords('job stalled more than allowable limit')).toMatch(/stopped too many times/);
    expect(jobFailureWords(undefined)).toMatch(/without saying why/);
  });
});
