import { IntakeError } from '../errors.js';
import type { SmtpSenderConfig } from '../mail-config.js';
import { classifySmtpFailure } from '../mail-auth/auth-failure.js';
import { backoffDelay, TEMPORARY_RETRY_MAX_MS } from '../mail-auth/backoff.js';

/**
 * A refused SMTP login is the sender's fault, not the email's: instead of failing the job (and, after its
 * attempts, handing every email of a burst to staff), the queue waits with backoff until the login works again.
 */
export class SenderLoginBackoff {
  private readonly failures = new Map<string, number>();

  constructor(
    private readonly senders: SmtpSenderConfig[],
    private readonly authRetryMaxMs: number,
  ) {}

  succeeded(sender: SmtpSenderConfig['name']): void {
    this.failures.delete(sender);
  }

  /** The wait for a refused login, or null when the error is not about logging in. */
  onError(error: unknown, from: string): IntakeError | null {
    const failure = classifySmtpFailure(error);
    if (!failure) return null;
    const sender = this.senders.find((candidate) => candidate.from.toLowerCase() === from.toLowerCase())?.name ?? 'onboarding';
    const attempt = this.failures.get(sender) ?? 0;
    this.failures.set(sender, attempt + 1);
    const retryAfterMs = backoffDelay(attempt, failure.permanent ? this.authRetryMaxMs : TEMPORARY_RETRY_MAX_MS, 1_000);
    return new IntakeError('SMTP_LOGIN_FAILED', `The ${sender} sender could not log in (${failure.code}): ${failure.reason}`, { cause: error, retryAfterMs });
  }
}
