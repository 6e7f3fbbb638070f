import type { MailLogin, OAuthCredentials } from '../mail-config.js';
import { CachedTokenSource, type FetchToken, type TokenSource } from './access-token.js';
import { clientCredentialsToken } from './client-credentials.js';
import { googleToken } from './google-token.js';
import { microsoftToken } from './microsoft-token.js';

function fetcherFor(credentials: OAuthCredentials): FetchToken {
  switch (credentials.provider) {
    case 'client-credentials':
      return clientCredentialsToken(credentials);
    case 'microsoft':
      return microsoftToken(credentials);
    case 'google':
      return googleToken(credentials);
  }
}

/** Who the credentials are: logins with the same application share one token cache. */
function identity(credentials: OAuthCredentials): string {
  switch (credentials.provider) {
    case 'client-credentials':
      return [credentials.provider, credentials.tokenUrl, credentials.clientId, credentials.scope].join(' ');
    case 'microsoft':
      return [credentials.provider, credentials.authorityHost, credentials.tenantId, credentials.clientId, credentials.scope].join(' ');
    case 'google':
      return [credentials.provider, credentials.serviceAccount.clientEmail, credentials.scope].join(' ');
  }
}

/** The token sources of one process, one per application, made when first needed. */
export class TokenSources {
  private readonly sources = new Map<string, TokenSource>();

  for(credentials: OAuthCredentials): TokenSource {
    const key = identity(credentials);
    let source = this.sources.get(key);
    if (!source) {
      source = new CachedTokenSource(fetcherFor(credentials));
      this.sources.set(key, source);
    }
    return source;
  }
}

/** What imapflow's `auth` option takes, and when a session made with it must be renewed (null: never). */
export interface ImapAuth {
  auth: { user: string; pass: string } | { user: string; accessToken: string };
  renewAt: number | null;
}

export async function imapAuth(login: Exclude<MailLogin, { kind: 'none' }>, tokens: TokenSources, renew = false): Promise<ImapAuth> {
  if (login.kind === 'password') return { auth: { user: login.user, pass: login.pass }, renewAt: null };
  const token = await tokens.for(login.credentials).token(login.user, { renew });
  return { auth: { user: login.user, accessToken: token.accessToken }, renewAt: token.renewAt };
}
