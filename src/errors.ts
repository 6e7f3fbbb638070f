/** Every failure the service classifies, in one union; `retryable` decides between a retry and a dead end. */
export type IntakeErrorCode =
  | 'EMAIL_NOT_FOUND'
  | 'EMAIL_TOO_LARGE'
  | 'MIME_TOO_COMPLEX'
  | 'MIME_UNREADABLE'
  | 'SMTP_TEMPORARY'
  | 'SMTP_PERMANENT'
  | 'SMTP_LOGIN_FAILED'
  | 'SEND_QUOTA_REACHED'
  | 'DELIVERY_UNCERTAIN'
  | 'SEND_RECORD_UNREPLICATED'
  | 'MAILBOX_UNAVAILABLE'
  | 'INVALID_PAYLOAD';

const RETRYABLE: Record<IntakeErrorCode, boolean> = {
  EMAIL_NOT_FOUND: false,
  EMAIL_TOO_LARGE: false,
  MIME_TOO_COMPLEX: false,
  MIME_UNREADABLE: false,
  SMTP_TEMPORARY: true,
  SMTP_PERMANENT: false,
  SMTP_LOGIN_FAILED: true,
  SEND_QUOTA_REACHED: true,
  DELIVERY_UNCERTAIN: false,
  SEND_RECORD_UNREPLICATED: true,
  MAILBOX_UNAVAILABLE: true,
  INVALID_PAYLOAD: false,
};

export class IntakeError extends Error {
  override name = 'IntakeError';
  readonly retryable: boolean;
  /**
   * Set when the fault is the service's own sender, not the job (a send quota reached, a refused login): the
   * queue waits this long and the job goes back unharmed, using none of its attempts.
   */
  readonly retryAfterMs: number | null;

  constructor(
    readonly code: IntakeErrorCode,
    message: string,
    options?: { cause?: unknown; retryAfterMs?: number },
  ) {
    super(message, options);
    this.retryable = RETRYABLE[code];
    this.retryAfterMs = options?.retryAfterMs ?? null;
  }
}

export function isIntakeError(error: unknown, code?: IntakeErrorCode): error is IntakeError {
  return error instanceof IntakeError && (code === undefined || error.code === code);
}

/** SMTP replies: 5xx are permanent except 503 (bad sequence, usually a dropped session); 4xx are temporary. */
export function classifySmtpError(error: unknown): IntakeError {
  const responseCode = (error as { responseCode?: unknown })?.responseCode;
  const message = 'The mail server did not accept the reply';
  if (typeof responseCode === 'number' && responseCode >= 500 && responseCode !== 503) {
    return new IntakeError('SMTP_PERMANENT', `${message} (${responseCode})`, { cause: error });
  }
  const detail = typeof responseCode === 'number' ? ` (${responseCode})` : '';
  return new IntakeError('SMTP_TEMPORARY', `${message}${detail}`, { cause: error });
}
