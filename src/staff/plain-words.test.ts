import { describe, expect, it } from 'vitest';
import { failureReason, INTAKE_ERROR_CODES, IntakeError } from '../errors.js';
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

  it('has a sentence for every error code', () => {
    for (const code of INTAKE_ERROR_CODES) {
      const words = reasonWords(`could not be handled automatically: ${code}`);
      expect(words).not.toContain(code);
      // Only a code with a sentence of its own escapes the fallback for codes nobody knows.
      if (code !== 'UNEXPECTED') expect(words).not.toBe('Could not be handled automatically: an unexpected error');
    }
  });

  it('reads a failure recorded with its code as the sentence and its detail', () => {
    const reason = failureReason(new IntakeError('MISSING_RECORD', 'No submission 0123'));
    expect(reason).toBe('MISSING_RECORD: No submission 0123');
    expect(jobFailureWords(reason)).toBe('What the job was about no longer exists: No submission 0123');
    expect(jobFailureWords('UNEXPECTED: Connection is closed.')).toBe('An unexpected error: Connection is closed.');
  });

  it('reads reasons recorded before failures kept their code without class names', () => {
    expect(reasonWords('could not be handled automatically: Error')).toBe('Could not be handled automatically: an unexpected error');
    expect(reasonWords('could not be handled automatically: TypeError')).toBe('Could not be handled automatically: an unexpected error');
    expect(jobFailureWords('No submission 0123')).toBe('No submission 0123');
    expect(jobFailureWords('Malformed job payload: Required')).toBe('Malformed job payload: Required');
  });

  it('says why a job failed for good', () => {
    expect(jobFailureWords('job stalled more than allowable limit')).toMatch(/stopped too many times/);
    expect(jobFailureWords(undefined)).toMatch(/without saying why/);
  });
});
