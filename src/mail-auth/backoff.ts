/**
 * Exponential backoff with jitter (half fixed, half random), so that several processes retrying a login do not
 * arrive together: a tenant that sees a storm of logins starts refusing good ones too.
 */
export function backoffDelay(attempt: number, capMs: number, baseMs = 500): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
}

/** Retrying a refused credential is slow (AUTH_RETRY_MAX_MS); a network fault or a busy server, at most 30 s. */
export const TEMPORARY_RETRY_MAX_MS = 30_000;
