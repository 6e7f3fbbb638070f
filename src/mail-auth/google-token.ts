import type { OAuthCredentials } from '../mail-config.js';
import type { FetchToken } from './access-token.js';
import { TokenRequestError } from './auth-failure.js';

type GoogleCredentials = Extract<OAuthCredentials, { provider: 'google' }>;

/**
 * Tokens from Google for a Workspace mailbox: the service account acts for the mailbox (`subject`) through
 * domain-wide delegation, so each mailbox gets a token of its own.
 */
export function googleToken(credentials: GoogleCredentials): FetchToken {
  const library = import('google-auth-library');
  return async (user) => {
    const { JWT } = await library;
    const client = new JWT({
      email: credentials.serviceAccount.clientEmail,
      key: credentials.serviceAccount.privateKey,
      scopes: [credentials.scope],
      subject: user,
    });
    try {
      const result = await client.authorize();
      if (!result.access_token) throw new TokenRequestError({ status: null, code: 'no_token', description: 'Google returned no access token' });
      const expiresInMs = result.expiry_date ? result.expiry_date - Date.now() : 3600_000;
      return { accessToken: result.access_token, expiresInMs: Math.max(expiresInMs, 1_000) };
    } catch (error) {
      if (error instanceof TokenRequestError) throw error;
      const failure = error as { response?: { status?: number; data?: { error?: string; error_description?: string } }; code?: string };
      const status = failure.response?.status ?? null;
      throw new TokenRequestError(
        { status, code: failure.response?.data?.error ?? failure.code ?? 'google_error', description: failure.response?.data?.error_description ?? '' },
        error,
      );
    }
  };
}
