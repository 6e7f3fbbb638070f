import * as oidc from 'openid-client';
import type { Logger } from '../../../src/logger.js';
import type { StaffOidcConfig } from '../../../src/staff/oidc-settings.js';
import { clientAuthentication } from './oidc-client-auth.js';

/** The provider could not be reached (or answered nonsense) while discovering it or redeeming a code. */
export class IdentityProviderUnreachable extends Error {
  override name = 'IdentityProviderUnreachable';
}

const DISCOVERY_TIMEOUT_SECONDS = 10;
/** Between two discovery attempts, so a provider that is down is not asked again on every click. */
const RETRY_AFTER_MS = 5_000;

/**
 * The organisation's OpenID provider, discovered lazily: the web role starts whether or not the provider
 * answers, tries once at start-up, and again at the next sign-in after a failure. A success is kept.
 */
export class IdentityProvider {
  private discovered: oidc.Configuration | null = null;
  private pending: Promise<oidc.Configuration> | null = null;
  private failedAt = 0;

  constructor(
    readonly settings: StaffOidcConfig,
    private readonly logger: Logger,
  ) {}

  /** Starts discovery in the background; a failure is logged and retried when someone signs in. */
  warmUp(): void {
    this.configuration().catch(() => undefined);
  }

  /** Where signing out continues (the end-session endpoint's origin), the issuer's until discovery says. */
  signOutOrigin(): string {
    const endSession = this.discovered?.serverMetadata().end_session_endpoint;
    return new URL(endSession ?? this.settings.issuer).origin;
  }

  async configuration(): Promise<oidc.Configuration> {
    if (this.discovered) return this.discovered;
    if (!this.pending && Date.now() - this.failedAt < RETRY_AFTER_MS)
      throw new IdentityProviderUnreachable('the identity provider was unreachable moments ago');
    this.pending ??= this.discover().finally(() => (this.pending = null));
    return this.pending;
  }

  private async discover(): Promise<oidc.Configuration> {
    const { issuer, clientId, credential } = this.settings;
    const issuerUrl = new URL(issuer);
    // A certificate or key that cannot be read is a setting to fix, not an unreachable provider: it throws.
    const authentication = await clientAuthentication(credential);
    try {
      // Plain http is allowed by the settings only for a provider on loopback.
      const configuration = await oidc.discovery(issuerUrl, clientId, undefined, authentication.method, {
        timeout: DISCOVERY_TIMEOUT_SECONDS,
        execute: issuerUrl.protocol === 'http:' ? [oidc.allowInsecureRequests] : [],
      });
      authentication.discovered(configuration);
      this.discovered = configuration;
      this.logger.info({ issuer }, 'staff identity provider discovered');
      return this.discovered;
    } catch (error) {
      this.failedAt = Date.now();
      this.logger.warn(
        { issuer, code: (error as { code?: string }).code, reason: (error as Error).message },
        'staff identity provider unreachable; sign-in will try again',
      );
      throw new IdentityProviderUnreachable('the identity provider could not be discovered', { cause: error });
    }
  }
}
