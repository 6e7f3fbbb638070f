import { X509Certificate } from 'node:crypto';
import type { OAuthCredentials } from '../mail-config.js';
import type { FetchToken } from './access-token.js';
import { TokenRequestError } from './auth-failure.js';

type MicrosoftCredentials = Extract<OAuthCredentials, { provider: 'microsoft' }>;

const DEFAULT_HOST = 'login.microsoftonline.com';

/**
 * App-only tokens from Microsoft Entra ID through MSAL's ConfidentialClientApplication (client secret or
 * certificate), for Exchange Online's IMAP.AccessAsApp and SMTP.SendAsApp permissions. The mailbox is named
 * at login, not in the token, so one token serves every mailbox the application was granted.
 */
export function microsoftToken(credentials: MicrosoftCredentials): FetchToken {
  const client = import('@azure/msal-node').then(({ ConfidentialClientApplication, LogLevel }) => {
    const secret =
      'clientSecret' in credentials.secret ? { clientSecret: credentials.secret.clientSecret } : { clientCertificate: certificateFor(credentials.secret) };
    const host = new URL(credentials.authorityHost).host;
    return new ConfidentialClientApplication({
      auth: {
        clientId: credentials.clientId,
        authority: `${credentials.authorityHost}/${credentials.tenantId}`,
        ...secret,
        // Another sign-in host (a national cloud, an Entra-compatible gateway) is trusted as configured.
        knownAuthorities: host === DEFAULT_HOST ? undefined : [host],
      },
      // MSAL's own log could carry tenant and client ids; errors reach us as exceptions anyway.
      system: { loggerOptions: { logLevel: LogLevel.Error, piiLoggingEnabled: false, loggerCallback: () => undefined } },
    });
  });
  return async () => {
    const app = await client;
    try {
      // Tokens are cached by the caller, which asks only for a new one; a refused token must not come back from MSAL's cache.
      const result = await app.acquireTokenByClientCredential({ scopes: [credentials.scope], skipCache: true });
      if (!result?.accessToken) throw new TokenRequestError({ status: null, code: 'no_token', description: 'Entra ID returned no access token' });
      const expiresInMs = result.expiresOn ? result.expiresOn.getTime() - Date.now() : 3600_000;
      return { accessToken: result.accessToken, expiresInMs: Math.max(expiresInMs, 1_000) };
    } catch (error) {
      throw asTokenError(error);
    }
  };
}

function certificateFor(secret: { certificate: string; privateKey: string }) {
  const certificate = new X509Certificate(secret.certificate);
  // x5c lets Entra accept a renewed certificate with the same subject name (subject name and issuer auth).
  const x5c = secret.certificate.replace(/-----(BEGIN|END) CERTIFICATE-----|\s+/g, '');
  return { thumbprintSha256: certificate.fingerprint256.replace(/:/g, ''), privateKey: secret.privateKey, x5c };
}

function asTokenError(error: unknown): TokenRequestError {
  if (error instanceof TokenRequestError) return error;
  const failure = error as { errorCode?: string; errorMessage?: string; status?: number; name?: string };
  const networkFailure =
    failure?.errorCode === 'network_error' || failure?.errorCode === 'endpoints_resolution_error' || (failure?.name === 'ClientAuthError' && !failure.status);
  const status = typeof failure?.status === 'number' ? failure.status : networkFailure ? null : 400;
  return new TokenRequestError({ status, code: failure?.errorCode ?? 'msal_error', description: failure?.errorMessage ?? '' }, error);
}
