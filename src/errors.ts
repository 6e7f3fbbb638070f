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
  | 'OUTCOME_PENDING'
  | 'OUTCOME_UNSETTLED'
  | 'INVALID_PAYLOAD'
  | 'MALFORMED_PAYLOAD'
  | 'MISSING_RECORD'
  | 'INCOMPLETE_RECORD'
  | 'CORRUPT_RECORD'
  | 'UNEXPECTED'
  | 'WORKER_STOPPED';

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
  // Filing waits for the email's outcome to be recorded, or to stop changing; a failed job would keep its id and
  // block the filing once the outcome settles.
  OUTCOME_PENDING: true,
  OUTCOME_UNSETTLED: true,
  INVALID_PAYLOAD: false,
  MALFORMED_PAYLOAD: false,
  MISSING_RECORD: false,
  INCOMPLETE_RECORD: false,
  // A record read back from Redis in the wrong shape does not mend itself; a person must look at it.
  CORRUPT_RECORD: false,
  // Not classified, so not known to be permanent: the job's own attempts and backoff decide.
  UNEXPECTED: true,
  // Never thrown: BullMQ fails a job this way when the workers running it stopped (crash, restart) too often.
  WORKER_STOPPED: true,
};

export const INTAKE_ERROR_CODES = Object.keys(RETRYABLE) as IntakeErrorCode[];

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

/** Anything a stage threw, as an IntakeError: one that is not is UNEXPECTED, keeping what was thrown as its cause. */
export function asIntakeError(error: unknown): IntakeError {
  if (isIntakeError(error)) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new IntakeError('UNEXPECTED', detail || 'no message', { cause: error });
}

/**
 * A stage's failure as the queue records it (BullMQ's `failedReason`): `CODE: message`, so whoever reads the job
 * later (the give-up step, staff pages) gets the code back.
 */
export const failureReason = (error: IntakeError): string => `${error.code}: ${error.message}`;

/** The code at the start of a recorded failure, or null for a reason written before failures carried one. */
export function failureCode(reason: string | null | undefined): IntakeErrorCode | null {
  if (/job stalled more than allowable limit/i.test(reason ?? '')) return 'WORKER_STOPPED';
  const code = /^([A-Z][A-Z_]*):/.exec(reason ?? '')?.[1];
  return code && (INTAKE_ERROR_CODES as string[]).includes(code) ? (code as IntakeErrorCode) : null;
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
