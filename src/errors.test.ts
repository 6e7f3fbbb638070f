import { describe, expect, it } from 'vitest';
import { asIntakeError, classifySmtpError, failureCode, failureReason, IntakeError } from './errors.js';

describe('classifySmtpError', () => {
  it.each([
    [550, 'SMTP_PERMANENT', false],
    [554, 'SMTP_PERMANENT', false],
    [503, 'SMTP_TEMPORARY', true],
    [421, 'SMTP_TEMPORARY', true],
    [451, 'SMTP_TEMPORARY', true],
  ])('treats reply %i as %s', (responseCode, code, retryable) => {
    const error = classifySmtpError(Object.assign(new Error('rejected'), { responseCode }));
    expect(error.code).toBe(code);
    expect(error.retryable).toBe(retryable);
  });

  it('treats a dropped connection with no reply code as temporary', () => {
    const error = classifySmtpError(Object.assign(new Error('ECONNRESET'), { code: 'ECONNRESET' }));
    expect(error.code).toBe('SMTP_TEMPORARY');
  });
});

describe('one error path for stages', () => {
  it('keeps an IntakeError as it is and wraps anything else as UNEXPECTED, retryable, with its cause', () => {
    const known = new IntakeError('MISSING_RECORD', 'No submission 0123');
    expect(asIntakeError(known)).toBe(known);
    expect(known.retryable).toBe(false);
    const cause = new TypeError('x is undefined');
    const wrapped = asIntakeError(cause);
    expect(wrapped).toMatchObject({ code: 'UNEXPECTED', retryable: true, message: 'x is undefined', cause });
  });

  it('records a failure as `CODE: message` and reads the code back, and none from an older plain reason', () => {
    const reason = failureReason(new IntakeError('SMTP_PERMANENT', 'The mail server did not accept the reply (550)'));
    expect(failureCode(reason)).toBe('SMTP_PERMANENT');
    expect(failureCode('No submission 0123')).toBeNull();
    expect(failureCode('NOT_A_CODE: something')).toBeNull();
    expect(failureCode(undefined)).toBeNull();
    // BullMQ's own reason for a job whose workers kept stopping.
    expect(failureCode('job stalled more than allowable limit')).toBe('WORKER_STOPPED');
  });
});
