import { z } from 'zod';

/** How the service proves who it is to a mail server. */
export type MailLogin = { kind: 'none' } | { kind: 'password'; user: string; pass: string } | { kind: 'oauth2'; user: string; credentials: OAuthCredentials };

export type OAuthCredentials = (
  | { provider: 'client-credentials'; tokenUrl: string; clientId: string; clientSecret: string }
  | {
      provider: 'microsoft';
      tenantId: string;
      clientId: string;
      authorityHost: string;
      secret: { clientSecret: string } | { certificate: string; privateKey: string };
    }
  | { provider: 'google'; serviceAccount: { clientEmail: string; privateKey: string } }
) & {
  scope: string;
  /** When the client secret or certificate runs out: warned about 30 days ahead. */
  expires: Date | null;
};

/** One of the two senders: replies to firms, and activation emails to users. */
export interface SmtpSenderConfig {
  name: 'onboarding' | 'activation';
  from: string;
  host: string;
  port: number;
  secure: boolean;
  login: MailLogin;
}

const optionalText = z.string().min(1).optional();
const smtpAuthKind = z.enum(['password', 'oauth2', 'none']);

/**
 * The mail login settings, merged into the service's one environment schema. The OAUTH_* settings are read
 * by `oauthCredentials`, which checks them with the provider they belong to.
 */
export const MailLoginEnvSchema = z.object({
  IMAP_AUTH: z.enum(['password', 'oauth2']).default('password'),
  IMAP_USER: optionalText,
  IMAP_PASSWORD: optionalText,
  SMTP_AUTH: smtpAuthKind.default('password'),
  SMTP_USER: optionalText,
  SMTP_PASSWORD: optionalText,
  ACTIVATION_SMTP_URL: optionalText,
  ACTIVATION_SMTP_AUTH: smtpAuthKind.optional(),
  ACTIVATION_SMTP_USER: optionalText,
  ACTIVATION_SMTP_PASSWORD: optionalText,
});

type Settings = Record<string, string | undefined>;

/** A ConfigError-style failure: one line naming the setting. */
export class MailSettingError extends Error {}

const PROVIDERS = ['client-credentials', 'microsoft', 'google'];

function expiryDate(value: string | undefined, setting: string): Date | null {
  if (!value) return null;
  const parsed = new Date(`${value}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(parsed.getTime())) throw new MailSettingError(`${setting} must be a date as YYYY-MM-DD`);
  return parsed;
}

const DEFAULT_SCOPES = { microsoft: 'https://outlook.office365.com/.default', google: 'https://mail.google.com/' } as const;

/** Reads the OAuth2 settings; the activation sender's fall back one by one to the shared OAUTH_* ones. */
export function oauthCredentials(env: Settings, prefix: '' | 'ACTIVATION_'): OAuthCredentials {
  const get = (name: string) => env[`${prefix}OAUTH_${name}`] ?? (prefix ? env[`OAUTH_${name}`] : undefined);
  const need = (name: string, why: string) => {
    const value = get(name);
    if (!value) throw new MailSettingError(`${prefix}OAUTH_${name} is required ${why}`);
    return value;
  };
  const kind = need('PROVIDER', 'when a mail login uses oauth2 (client-credentials, microsoft or google)') as OAuthCredentials['provider'];
  if (!PROVIDERS.includes(kind)) throw new MailSettingError(`${prefix}OAUTH_PROVIDER must be client-credentials, microsoft or google`);
  const expires = expiryDate(get('CREDENTIAL_EXPIRES'), `${prefix}OAUTH_CREDENTIAL_EXPIRES`);
  const url = (name: string, why: string) => {
    const value = need(name, why);
    if (!/^https?:\/\/[^/]/.test(value)) throw new MailSettingError(`${prefix}OAUTH_${name} must be an http:// or https:// URL`);
    return value;
  };
  if (kind === 'client-credentials') {
    const why = 'for OAUTH_PROVIDER=client-credentials';
    return {
      provider: kind,
      tokenUrl: url('TOKEN_URL', why),
      clientId: need('CLIENT_ID', why),
      clientSecret: need('CLIENT_SECRET', why),
      scope: need('SCOPE', why),
      expires,
    };
  }
  if (kind === 'microsoft') {
    const why = 'for OAUTH_PROVIDER=microsoft';
    const certificate = get('CERTIFICATE');
    const secret = certificate
      ? { certificate, privateKey: need('CERTIFICATE_KEY', 'with OAUTH_CERTIFICATE') }
      : { clientSecret: need('CLIENT_SECRET', `${why} (or OAUTH_CERTIFICATE and OAUTH_CERTIFICATE_KEY)`) };
    return {
      provider: kind,
      tenantId: need('TENANT_ID', why),
      clientId: need('CLIENT_ID', why),
      secret,
      authorityHost: (get('AUTHORITY_HOST') ? url('AUTHORITY_HOST', '') : 'https://login.microsoftonline.com').replace(/\/+$/, ''),
      scope: get('SCOPE') ?? DEFAULT_SCOPES.microsoft,
      expires,
    };
  }
  const key = need('SERVICE_ACCOUNT_KEY', 'for OAUTH_PROVIDER=google (the service account key JSON, or _FILE)');
  let parsed: { client_email?: unknown; private_key?: unknown };
  try {
    parsed = JSON.parse(key) as typeof parsed;
  } catch {
    throw new MailSettingError(`${prefix}OAUTH_SERVICE_ACCOUNT_KEY is not a service account key (JSON)`);
  }
  if (typeof parsed.client_email !== 'string' || typeof parsed.private_key !== 'string') {
    throw new MailSettingError(`${prefix}OAUTH_SERVICE_ACCOUNT_KEY lacks client_email or private_key`);
  }
  return {
    provider: kind,
    serviceAccount: { clientEmail: parsed.client_email, privateKey: parsed.private_key },
    scope: get('SCOPE') ?? DEFAULT_SCOPES.google,
    expires,
  };
}

const decoded = (value: string) => (value ? decodeURIComponent(value) : undefined);

/** The IMAP login: a user from the URL or IMAP_USER; a password from the URL or IMAP_PASSWORD, or OAuth2. */
export function imapLogin(env: Settings, url: URL): Exclude<MailLogin, { kind: 'none' }> {
  const user = env.IMAP_USER ?? decoded(url.username);
  if (!user) throw new MailSettingError('IMAP_URL must include a user name (imap://user:pass@host:port), or set IMAP_USER');
  if (env.IMAP_AUTH === 'oauth2') return { kind: 'oauth2', user, credentials: oauthCredentials(env, '') };
  const pass = env.IMAP_PASSWORD ?? decoded(url.password) ?? '';
  return { kind: 'password', user, pass };
}

/** A sender's SMTP connection and login; the activation sender defaults to the onboarding sender's settings. */
export function smtpSender(env: Settings, name: SmtpSenderConfig['name'], from: string): SmtpSenderConfig {
  const activation = name === 'activation';
  const setting = (key: string) => (activation ? (env[`ACTIVATION_SMTP_${key}`] ?? env[`SMTP_${key}`]) : env[`SMTP_${key}`]);
  const rawUrl = setting('URL');
  let url: URL;
  try {
    url = new URL(rawUrl ?? '');
    if (!['smtp:', 'smtps:'].includes(url.protocol)) throw new Error('protocol');
  } catch {
    throw new MailSettingError(`${activation && env.ACTIVATION_SMTP_URL ? 'ACTIVATION_SMTP_URL' : 'SMTP_URL'} must be a URL starting with smtp:// or smtps://`);
  }
  const secure = url.protocol === 'smtps:';
  const auth = setting('AUTH') ?? 'password';
  const user = setting('USER') ?? decoded(url.username);
  const base = { name, from, host: url.hostname, port: url.port ? Number(url.port) : secure ? 465 : 587, secure };
  if (auth === 'none') return { ...base, login: { kind: 'none' } };
  if (auth === 'oauth2') {
    if (!user) throw new MailSettingError(`${activation ? 'ACTIVATION_SMTP_USER or ' : ''}SMTP_USER is required with oauth2 (the mailbox address that sends)`);
    return { ...base, login: { kind: 'oauth2', user, credentials: oauthCredentials(env, activation ? 'ACTIVATION_' : '') } };
  }
  // A password login needs a user; without one the server is an open relay on a private network, as before.
  if (!user) return { ...base, login: { kind: 'none' } };
  return { ...base, login: { kind: 'password', user, pass: setting('PASSWORD') ?? decoded(url.password) ?? '' } };
}
