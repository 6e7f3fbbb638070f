import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { configRefusal } from './testing/config-refusal.js';

const base = { REDIS_URL: 'redis://127.0.0.1:6379', IMAP_URL: 'imaps://outlook.office365.com', SMTP_URL: 'smtp://smtp.office365.com:587' };
const microsoft = {
  ...base,
  IMAP_AUTH: 'oauth2',
  IMAP_USER: 'CPOnboarding@justice.gov.uk',
  SMTP_AUTH: 'oauth2',
  SMTP_USER: 'CPOnboarding@justice.gov.uk',
  OAUTH_PROVIDER: 'microsoft',
  OAUTH_TENANT_ID: 'contoso.onmicrosoft.com',
  OAUTH_CLIENT_ID: '00000000-0000-0000-0000-000000000001',
  OAUTH_CLIENT_SECRET: 'client-secret-value',
};

const refusal = configRefusal;

describe('mail logins', () => {
  it('reads an OAuth2 login for Microsoft 365 with the Exchange scope by default', () => {
    const config = loadConfig(microsoft);
    expect(config.imap.login).toMatchObject({
      kind: 'oauth2',
      user: 'CPOnboarding@justice.gov.uk',
      credentials: { provider: 'microsoft', scope: 'https://outlook.office365.com/.default', authorityHost: 'https://login.microsoftonline.com' },
    });
    expect(config.imap.port).toBe(993);
    expect(config.smtp.onboarding.login).toMatchObject({ kind: 'oauth2', user: 'CPOnboarding@justice.gov.uk' });
    // The activation sender shares the onboarding sender's settings unless told otherwise.
    expect(config.smtp.activation).toMatchObject({ from: 'noreply@cjscp.org.uk', login: { kind: 'oauth2', user: 'CPOnboarding@justice.gov.uk' } });
  });

  it('lets the activation sender use its own application, falling back setting by setting', () => {
    const config = loadConfig({
      ...microsoft,
      ACTIVATION_SMTP_USER: 'noreply@cjscp.org.uk',
      ACTIVATION_OAUTH_CLIENT_ID: 'other-app',
      ACTIVATION_OAUTH_CLIENT_SECRET: 'other-secret',
    });
    const login = config.smtp.activation.login;
    expect(login).toMatchObject({
      kind: 'oauth2',
      user: 'noreply@cjscp.org.uk',
      credentials: { clientId: 'other-app', tenantId: 'contoso.onmicrosoft.com', secret: { clientSecret: 'other-secret' } },
    });
    expect(config.smtp.onboarding.login).toMatchObject({ credentials: { clientId: microsoft.OAUTH_CLIENT_ID } });
  });

  it('takes secrets from files, without the file content in any error', () => {
    const { OAUTH_CLIENT_SECRET: _secret, ...withoutSecret } = microsoft;
    const config = loadConfig({ ...withoutSecret, OAUTH_CLIENT_SECRET_FILE: '/run/secrets/client' }, false, () => 'from-a-file\n');
    expect(config.imap.login).toMatchObject({ credentials: { secret: { clientSecret: 'from-a-file' } } });
    expect(refusal({ ...withoutSecret, OAUTH_CLIENT_SECRET_FILE: '/run/secrets/none' })).toBe(
      'Invalid configuration: OAUTH_CLIENT_SECRET_FILE names a file that cannot be read (ENOENT): /run/secrets/none',
    );
    expect(refusal({ ...microsoft, OAUTH_CLIENT_SECRET_FILE: '/x' }, { '/x': 'y' })).toBe(
      'Invalid configuration: OAUTH_CLIENT_SECRET and OAUTH_CLIENT_SECRET_FILE are both set; keep one',
    );
  });

  it('keeps passwords out of URLs: IMAP_PASSWORD and SMTP_PASSWORD beside them', () => {
    const config = loadConfig(
      { ...base, IMAP_URL: 'imap://mail.example', IMAP_USER: 'onboarding', IMAP_PASSWORD_FILE: '/p', SMTP_USER: 'relay-user', SMTP_PASSWORD: 'relay-pass' },
      false,
      () => 'imap-pass',
    );
    expect(config.imap.login).toEqual({ kind: 'password', user: 'onboarding', pass: 'imap-pass' });
    expect(config.smtp.onboarding.login).toEqual({ kind: 'password', user: 'relay-user', pass: 'relay-pass' });
  });

  it.each([
    [{ ...microsoft, OAUTH_PROVIDER: undefined }, /OAUTH_PROVIDER is required/],
    [{ ...microsoft, OAUTH_PROVIDER: 'okta' }, /OAUTH_PROVIDER must be client-credentials, microsoft or google/],
    [{ ...microsoft, OAUTH_TENANT_ID: undefined }, /OAUTH_TENANT_ID is required for OAUTH_PROVIDER=microsoft/],
    [{ ...microsoft, OAUTH_PROVIDER: 'client-credentials' }, /OAUTH_TOKEN_URL is required/],
    [{ ...microsoft, OAUTH_PROVIDER: 'google' }, /OAUTH_SERVICE_ACCOUNT_KEY is required/],
    [{ ...microsoft, OAUTH_PROVIDER: 'google', OAUTH_SERVICE_ACCOUNT_KEY: '{"type":"x"}' }, /lacks client_email or private_key/],
    [{ ...microsoft, SMTP_USER: undefined }, /SMTP_USER is required with oauth2/],
    [{ ...microsoft, IMAP_USER: undefined }, /IMAP_URL must include a user name .* or set IMAP_USER/],
    [{ ...microsoft, OAUTH_CREDENTIAL_EXPIRES: '31/12/2026' }, /OAUTH_CREDENTIAL_EXPIRES must be a date as YYYY-MM-DD/],
  ])('names what is missing or wrong in one line (%#)', (env, message) => {
    const defined = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined)) as Record<string, string>;
    const text = refusal(defined);
    expect(text).toMatch(message);
    expect(text).not.toContain('client-secret-value');
  });

  it('reads a Google service account key for domain-wide delegation', () => {
    const key = JSON.stringify({
      type: 'service_account',
      client_email: 'intake@project.iam.gserviceaccount.com',
      private_key: '-----BEGIN PRIVATE KEY-----\nx\n-----END PRIVATE KEY-----\n',
    });
    const config = loadConfig({ ...microsoft, OAUTH_PROVIDER: 'google', OAUTH_SERVICE_ACCOUNT_KEY: key });
    expect(config.imap.login).toMatchObject({
      credentials: { provider: 'google', scope: 'https://mail.google.com/', serviceAccount: { clientEmail: 'intake@project.iam.gserviceaccount.com' } },
    });
  });

  it('finds the Sent folder by its flag unless FOLDER_SENT names one', () => {
    expect(loadConfig(microsoft).imap).toMatchObject({ sentFolderFixed: false, folders: { sent: 'Sent' } });
    expect(loadConfig({ ...microsoft, FOLDER_SENT: 'Sent Items', SENT_COPY: 'skip' }).imap).toMatchObject({
      sentFolderFixed: true,
      sentCopy: 'skip',
      folders: { sent: 'Sent Items' },
    });
  });
});
