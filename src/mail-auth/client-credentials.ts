import { TokenRequestError } from './auth-failure.js';
import type { FetchToken } from './access-token.js';

const REQUEST_TIMEOUT_MS = 15_000;

/**
 * The OAuth2 client-credentials grant (RFC 6749 section 4.4) against any token endpoint: one form POST with the
 * client's id and secret in HTTP Basic authentication, as section 2.3.1 prefers.
 */
export function clientCredentialsToken(options: { tokenUrl: string; clientId: string; clientSecret: string; scope: string }): FetchToken {
  const basic = Buffer.from(`${encodeURIComponent(options.clientId)}:${encodeURIComponent(options.clientSecret)}`).toString('base64');
  return async () => {
    let response: Response;
    try {
      response = await fetch(options.tokenUrl, {
        method: 'POST',
        headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams({ grant_type: 'client_credentials', scope: options.scope }).toString(),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      throw new TokenRequestError({ status: null, code: networkCode(error), description: 'The token endpoint could not be reached' }, error);
    }
    const body = (await response.json().catch(() => ({}))) as { access_token?: unknown; expires_in?: unknown; error?: unknown; error_description?: unknown };
    if (!response.ok || typeof body.access_token !== 'string') {
      throw new TokenRequestError({
        status: response.status,
        code: typeof body.error === 'string' ? body.error : `HTTP ${response.status}`,
        description: typeof body.error_description === 'string' ? body.error_description : '',
      });
    }
    const expiresIn = Number(body.expires_in);
    // Without expires_in, an hour is what Entra and Google issue.
    return { accessToken: body.access_token, expiresInMs: (Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : 3600) * 1000 };
  };
}

function networkCode(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown } })?.cause;
  if (typeof cause?.code === 'string') return cause.code;
  return (error as Error)?.name === 'TimeoutError' ? 'ETIMEDOUT' : 'network error';
}
