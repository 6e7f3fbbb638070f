import type { Config } from '../config.js';
import type { MailLogin } from '../mail-config.js';
import type { AuthState, MailConnection } from './auth-health.js';

const DAY_MS = 24 * 3600_000;
/** Secrets and certificates are warned about this long before they run out. */
export const EXPIRY_WARNING_DAYS = 30;

export interface LoginSummary {
  connection: MailConnection;
  /** What the login is for, in words: "Onboarding mailbox (IMAP)", "Replies to firms (SMTP)". */
  purpose: string;
  address: string;
  method: string;
  state: AuthState | null;
  expires: Date | null;
  /** The expiry date in words ("13 December 2026"). */
  expiresOn: string | null;
  /** Whole days until the credential expires, when that is within the warning period (negative: expired). */
  expiresInDays: number | null;
}

function methodOf(login: MailLogin): string {
  if (login.kind === 'none') return 'No login';
  if (login.kind === 'password') return 'Password';
  const provider = { 'client-credentials': 'OAuth2', microsoft: 'OAuth2 (Microsoft Entra ID)', google: 'OAuth2 (Google service account)' }[
    login.credentials.provider
  ];
  return provider;
}

function expiryOf(login: MailLogin): Date | null {
  return login.kind === 'oauth2' ? login.credentials.expires : null;
}

/** Every login the service uses, with its last known state and any credential about to run out. */
export function loginSummaries(config: Config, states: AuthState[], now = Date.now()): LoginSummary[] {
  const logins: Array<{ connection: MailConnection; purpose: string; address: string; login: MailLogin }> = [
    { connection: 'mailbox', purpose: 'Onboarding mailbox (IMAP)', address: config.imap.user, login: config.imap.login },
    { connection: 'sender:onboarding', purpose: 'Replies to firms (SMTP)', address: config.smtp.onboarding.from, login: config.smtp.onboarding.login },
    { connection: 'sender:activation', purpose: 'Activation emails (SMTP)', address: config.smtp.activation.from, login: config.smtp.activation.login },
  ];
  return logins.map(({ connection, purpose, address, login }) => {
    const expires = expiryOf(login);
    const days = expires ? Math.floor((expires.getTime() - now) / DAY_MS) : null;
    return {
      connection,
      purpose,
      address,
      method: methodOf(login),
      state: states.find((state) => state.connection === connection) ?? null,
      expires,
      expiresOn: expires ? expires.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }) : null,
      expiresInDays: days !== null && days <= EXPIRY_WARNING_DAYS ? days : null,
    };
  });
}

/** One line per credential within the warning period, for the log. */
export function expiryWarnings(config: Config, now = Date.now()): string[] {
  return loginSummaries(config, [], now)
    .filter((summary) => summary.expiresInDays !== null)
    .map((summary) => {
      const days = summary.expiresInDays!;
      const when = days < 0 ? `expired ${-days} day(s) ago` : days === 0 ? 'expires today' : `expires in ${days} day(s)`;
      return `The OAuth2 credential for ${summary.purpose} ${when} (${summary.expiresOn}): renew the client secret or certificate and update the setting`;
    });
}
