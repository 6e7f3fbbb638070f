import { createPrivateKey, X509Certificate } from 'node:crypto';
import { z } from 'zod';
import { STAFF_ROLES, StaffRoleSchema, type StaffRole } from './roles.js';

/** Staff single sign-on with the organisation's OpenID Connect provider (Microsoft Entra ID, or any other). */
export interface StaffOidcConfig {
  issuer: string;
  clientId: string;
  /** How the dashboard proves itself at the token endpoint: a client secret, or a certificate (private_key_jwt). */
  credential: { clientSecret: string } | { certificate: string; privateKey: string };
  /** The ID token claim holding the person's app roles or groups (Entra: `roles`, or `groups`). */
  rolesClaim: string;
  /** Claim value → dashboard role; when several match, the highest wins. */
  roleMap: ReadonlyMap<string, StaffRole>;
  scopes: string;
  /** What the sign-in button calls the provider: "Sign in with …". */
  name: string;
}

export interface StaffSignInConfig {
  oidc: StaffOidcConfig | null;
  /** Local accounts (argon2, `npm run staff`): always without single sign-on, a break-glass with it. */
  localSignIn: boolean;
}

const optionalText = z.string().min(1).optional();

/** The settings, merged into the service's one environment schema. */
export const StaffOidcEnvSchema = z.object({
  STAFF_OIDC_ISSUER: optionalText,
  STAFF_OIDC_CLIENT_ID: optionalText,
  STAFF_OIDC_CLIENT_SECRET: optionalText,
  STAFF_OIDC_CLIENT_CERTIFICATE: optionalText,
  STAFF_OIDC_CLIENT_CERTIFICATE_KEY: optionalText,
  STAFF_OIDC_ROLES_CLAIM: z.string().min(1).default('roles'),
  STAFF_OIDC_ROLE_MAP: optionalText,
  STAFF_OIDC_SCOPES: z.string().min(1).default('openid profile email'),
  STAFF_OIDC_NAME: z.string().min(1).max(80).default('your organisation’s account'),
  STAFF_LOCAL_SIGN_IN: z.enum(['true', 'false']).optional(),
});

type Env = z.infer<typeof StaffOidcEnvSchema>;

/** A ConfigError-style failure: one line naming the setting. */
export class StaffOidcSettingError extends Error {}

/** `value=role,value=role`: a value may itself hold `=` (the last one separates the role). */
export function parseRoleMap(raw: string): Map<string, StaffRole> {
  const map = new Map<string, StaffRole>();
  for (const pair of raw
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const at = pair.lastIndexOf('=');
    const value = pair.slice(0, at).trim();
    const role = StaffRoleSchema.safeParse(pair.slice(at + 1).trim());
    if (at <= 0 || !value || !role.success) {
      throw new StaffOidcSettingError(
        `STAFF_OIDC_ROLE_MAP must be claim-value=role pairs separated by commas, each role one of ${STAFF_ROLES.join(', ')} (at "${pair}")`,
      );
    }
    map.set(value, role.data);
  }
  if (map.size === 0) throw new StaffOidcSettingError('STAFF_OIDC_ROLE_MAP names no claim value');
  return map;
}

/** An issuer over plain http is accepted on loopback only (a provider on the same machine, as in tests). */
function checkIssuer(issuer: string): string {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    throw new StaffOidcSettingError('STAFF_OIDC_ISSUER must be a URL such as https://login.microsoftonline.com/<tenant-id>/v2.0');
  }
  const loopback = ['127.0.0.1', '[::1]', 'localhost'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) throw new StaffOidcSettingError('STAFF_OIDC_ISSUER must start with https://');
  return issuer;
}

/** Read once at start-up, so a certificate or key that cannot be used stops the service naming the setting. */
function checkPem(value: string, name: string, read: (pem: string) => unknown): string {
  try {
    read(value);
    return value;
  } catch {
    throw new StaffOidcSettingError(`${name} must be PEM (-----BEGIN …)${name.endsWith('_KEY') ? ', an RSA key' : ''}`);
  }
}

/** Entra signs and checks client assertions with RS256. */
function rsaKey(pem: string): void {
  if (createPrivateKey(pem).asymmetricKeyType !== 'rsa') throw new Error('not RSA');
}

export function staffSignInConfig(env: Env): StaffSignInConfig {
  const localSetting = env.STAFF_LOCAL_SIGN_IN === undefined ? undefined : env.STAFF_LOCAL_SIGN_IN === 'true';
  if (!env.STAFF_OIDC_ISSUER) {
    for (const name of ['STAFF_OIDC_CLIENT_ID', 'STAFF_OIDC_CLIENT_SECRET', 'STAFF_OIDC_CLIENT_CERTIFICATE', 'STAFF_OIDC_ROLE_MAP'] as const) {
      if (env[name]) throw new StaffOidcSettingError(`${name} is set but STAFF_OIDC_ISSUER is not`);
    }
    if (localSetting === false) throw new StaffOidcSettingError('STAFF_LOCAL_SIGN_IN=false needs single sign-on (STAFF_OIDC_ISSUER), or nobody could sign in');
    return { oidc: null, localSignIn: true };
  }
  const need = (name: 'STAFF_OIDC_CLIENT_ID' | 'STAFF_OIDC_CLIENT_SECRET' | 'STAFF_OIDC_CLIENT_CERTIFICATE_KEY' | 'STAFF_OIDC_ROLE_MAP', what: string) => {
    const value = env[name];
    if (!value) throw new StaffOidcSettingError(`${name} is required with STAFF_OIDC_ISSUER (${what})`);
    return value;
  };
  return {
    oidc: {
      issuer: checkIssuer(env.STAFF_OIDC_ISSUER),
      clientId: need('STAFF_OIDC_CLIENT_ID', 'the application (client) id'),
      credential: env.STAFF_OIDC_CLIENT_CERTIFICATE
        ? {
            certificate: checkPem(env.STAFF_OIDC_CLIENT_CERTIFICATE, 'STAFF_OIDC_CLIENT_CERTIFICATE', (pem) => new X509Certificate(pem)),
            privateKey: checkPem(need('STAFF_OIDC_CLIENT_CERTIFICATE_KEY', 'the certificate’s private key, PEM'), 'STAFF_OIDC_CLIENT_CERTIFICATE_KEY', rsaKey),
          }
        : { clientSecret: need('STAFF_OIDC_CLIENT_SECRET', 'the client secret, or STAFF_OIDC_CLIENT_CERTIFICATE and STAFF_OIDC_CLIENT_CERTIFICATE_KEY') },
      rolesClaim: env.STAFF_OIDC_ROLES_CLAIM,
      roleMap: parseRoleMap(need('STAFF_OIDC_ROLE_MAP', 'which app roles or groups give which dashboard role')),
      scopes: env.STAFF_OIDC_SCOPES.split(/\s+/).includes('openid') ? env.STAFF_OIDC_SCOPES : `openid ${env.STAFF_OIDC_SCOPES}`,
      name: env.STAFF_OIDC_NAME,
    },
    localSignIn: localSetting ?? false,
  };
}
