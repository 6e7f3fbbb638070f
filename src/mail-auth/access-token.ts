/** A bearer token for a mail server, and when to stop using it. */
export interface AccessToken {
  accessToken: string;
  expiresAt: number;
  /** Shortly before expiry: a connection made with this token is renewed from here on. */
  renewAt: number;
}

/** Fetches a token for a mailbox (`user`): an app-only token for Microsoft, a delegated one for Google. */
export type FetchToken = (user: string) => Promise<{ accessToken: string; expiresInMs: number }>;

export interface TokenSource {
  /** A cached token while it has life left; `renew` asks for a new one (the server refused the cached one). */
  token(user: string, options?: { renew?: boolean }): Promise<AccessToken>;
}

// Renew five minutes before expiry (Entra and Google tokens live 60-90 minutes); a quarter of the life for short ones.
export function renewMarginMs(lifetimeMs: number): number {
  return Math.min(5 * 60_000, Math.floor(lifetimeMs / 4));
}

/**
 * Caches each mailbox's token until shortly before it expires, and asks once when several callers want a new
 * one at the same time (a pool of SMTP connections, a reconnect and a send).
 */
export class CachedTokenSource implements TokenSource {
  private readonly cached = new Map<string, AccessToken>();
  private readonly pending = new Map<string, Promise<AccessToken>>();

  constructor(
    private readonly fetchToken: FetchToken,
    private readonly now: () => number = Date.now,
  ) {}

  async token(user: string, options: { renew?: boolean } = {}): Promise<AccessToken> {
    const key = user.toLowerCase();
    const cached = this.cached.get(key);
    if (!options.renew && cached && this.now() < cached.renewAt) return cached;
    const inFlight = this.pending.get(key);
    if (inFlight) return inFlight;
    if (options.renew) this.cached.delete(key);
    const request = this.fetchToken(user)
      .then(({ accessToken, expiresInMs }) => {
        const issuedAt = this.now();
        const token = { accessToken, expiresAt: issuedAt + expiresInMs, renewAt: issuedAt + expiresInMs - renewMarginMs(expiresInMs) };
        this.cached.set(key, token);
        return token;
      })
      .finally(() => this.pending.delete(key));
    this.pending.set(key, request);
    return request;
  }
}
