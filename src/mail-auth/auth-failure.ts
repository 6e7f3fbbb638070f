/** Where a login failed: getting a token, or the mail server refusing the login. */
export type AuthStage = 'token' | 'imap' | 'smtp';

/**
 * A failed login, judged: `permanent` when trying again unchanged cannot help (a wrong or expired secret,
 * consent missing, the server refusing the credentials), temporary when the other side was unreachable or busy.
 * `code` is the provider's own (AADSTS7000215, invalid_client, AUTHENTICATIONFAILED, 535 5.7.139), for the
 * dashboard and the log; `reason` is a sentence for staff. Neither carries a secret or a token.
 */
export interface AuthFailure {
  stage: AuthStage;
  permanent: boolean;
  code: string;
  reason: string;
}

/** A token request the token endpoint refused, or could not be made; `status` is null when nothing answered. */
export class TokenRequestError extends Error {
  override name = 'TokenRequestError';

  constructor(
    readonly detail: { status: number | null; code: string; description: string },
    cause?: unknown,
  ) {
    super(`Token request failed: ${detail.code}${detail.status ? ` (HTTP ${detail.status})` : ''}`, { cause });
  }
}

/** Entra puts its own code (AADSTS7000215: wrong secret; 7000222: expired secret; 65001: no consent) in the description. */
const aadCode = (text: string) => /AADSTS\d+/.exec(text)?.[0] ?? null;

const TOKEN_REASONS: Record<string, string> = {
  AADSTS7000215: 'The client secret is wrong',
  AADSTS7000222: 'The client secret has expired',
  AADSTS700016: 'The application is not registered in this tenant',
  AADSTS65001: 'Administrator consent has not been given',
  AADSTS700027: 'The certificate is not registered for the application, or has expired',
  invalid_client: 'The token service does not accept the client id or secret',
  unauthorized_client: 'The application may not use this grant or mailbox (check domain-wide delegation or consent)',
  invalid_grant: 'The token service refused the grant (check the service account and the mailbox it acts for)',
  invalid_scope: 'The token service refused the scope',
};

export function classifyTokenFailure(error: TokenRequestError): AuthFailure {
  const { status, code, description } = error.detail;
  const providerCode = aadCode(description) ?? code;
  if (status === null || status >= 500 || status === 429 || status === 408) {
    return {
      stage: 'token',
      permanent: false,
      code: providerCode,
      reason: status === null ? 'The token service could not be reached' : 'The token service is unavailable or busy',
    };
  }
  return {
    stage: 'token',
    permanent: true,
    code: providerCode,
    reason: TOKEN_REASONS[providerCode] ?? TOKEN_REASONS[code] ?? 'The token service refused the credentials',
  };
}

/** Exchange refuses logins for a while after a storm of them; this is not a credential problem. */
const EXCHANGE_BUSY = /authenticated but not connected/i;

/** An IMAP login error, or null when the connection failed before or apart from the login. */
export function classifyImapFailure(error: unknown): AuthFailure | null {
  if (error instanceof TokenRequestError) return classifyTokenFailure(error);
  const failure = error as { authenticationFailed?: boolean; serverResponseCode?: string; response?: unknown };
  if (!failure?.authenticationFailed) return null;
  const text = typeof failure.response === 'string' ? failure.response : '';
  const code = failure.serverResponseCode ?? 'AUTHENTICATIONFAILED';
  if (EXCHANGE_BUSY.test(text)) return { stage: 'imap', permanent: false, code, reason: 'The mail server is refusing logins for a while (too many)' };
  return { stage: 'imap', permanent: true, code, reason: 'The mail server refused the login (check the mailbox permission for the application)' };
}

/** An SMTP login error (nodemailer's EAUTH), or null when the send failed for another reason. */
export function classifySmtpFailure(error: unknown): AuthFailure | null {
  if (error instanceof TokenRequestError) return classifyTokenFailure(error);
  const failure = error as { code?: string; responseCode?: number; response?: string };
  if (failure?.code !== 'EAUTH') return null;
  const enhanced = /\b[245]\.\d{1,3}\.\d{1,3}\b/.exec(failure.response ?? '')?.[0];
  const code = [failure.responseCode, enhanced].filter(Boolean).join(' ') || 'EAUTH';
  if (typeof failure.responseCode === 'number' && failure.responseCode < 500) {
    return { stage: 'smtp', permanent: false, code, reason: 'The mail server could not check the login just now' };
  }
  const reason =
    enhanced === '5.7.139'
      ? 'SMTP AUTH is turned off for this tenant or mailbox (Set-CASMailbox -SmtpClientAuthenticationDisabled $false)'
      : 'The mail server refused the login (check the Send permission for the application)';
  return { stage: 'smtp', permanent: true, code, reason };
}
