import { describe, expect, it } from 'vitest';
import { classifySmtpError } from './errors.js';

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
