import { describe, expect, it } from 'vitest';
import { AuthHealthStore } from '../../src/mail-auth/auth-health.js';
import { testEnvironment } from '../helpers/environment.js';
import { get, signIn, STAFF_PASSWORD, withStaffWeb } from './staff-helpers.js';

const DAY = 24 * 3600_000;

describe('mail logins on the dashboard and in readiness', () => {
  const expires = new Date(Date.now() + 12 * DAY + 3600_000).toISOString().slice(0, 10);
  const environment = testEnvironment({
    IMAP_URL: 'imaps://outlook.office365.com',
    IMAP_AUTH: 'oauth2',
    IMAP_USER: 'CPOnboarding@justice.gov.uk',
    SMTP_URL: 'smtp://smtp.office365.com:587',
    SMTP_AUTH: 'oauth2',
    SMTP_USER: 'CPOnboarding@justice.gov.uk',
    OAUTH_PROVIDER: 'microsoft',
    OAUTH_TENANT_ID: 'contoso.onmicrosoft.com',
    OAUTH_CLIENT_ID: 'app-id',
    OAUTH_CLIENT_SECRET: 'not-shown-anywhere',
    OAUTH_CREDENTIAL_EXPIRES: expires,
  });
  const staffWeb = withStaffWeb(environment);
  const health = new AuthHealthStore(staffWeb.redis, staffWeb.keys.authHealth);

  it("shows each login with its state and the provider's code, and warns of a secret about to expire", async () => {
    await health.succeeded('mailbox');
    await health.failed('sender:activation', { stage: 'token', permanent: true, code: 'AADSTS7000222', reason: 'The client secret has expired' });
    const browser = await signIn(staffWeb.web(), 'alice', STAFF_PASSWORD);
    const page = (await get(staffWeb.web(), browser, '/staff')).body;
    expect(page).toContain('Mail logins');
    expect(page).toContain('Onboarding mailbox (IMAP)');
    expect(page).toContain('OAuth2 (Microsoft Entra ID)');
    expect(page).toMatch(/Activation emails \(SMTP\) cannot log in: The client secret has expired \(AADSTS7000222\)/);
    // Whole days to the date it runs out (midnight UTC starting that day).
    expect(page).toMatch(/expires in 1[12] day\(s\), on \d{1,2} [A-Z][a-z]+ 20\d\d\. Renew it/);
    expect(page).toContain('Not used yet');
    expect(page).not.toContain('not-shown-anywhere');
  });

  it('fails readiness while a credential is refused, naming the login and the code', async () => {
    const response = await staffWeb.web().inject({ method: 'GET', url: '/readyz' });
    expect(response.statusCode).toBe(503);
    expect(response.json().loginFailures).toEqual([expect.objectContaining({ login: 'sender:activation', stage: 'token', code: 'AADSTS7000222' })]);
    await health.succeeded('sender:activation');
    const after = (await staffWeb.web().inject({ method: 'GET', url: '/readyz' })).json();
    expect(after.loginFailures).toEqual([]);
  });
});
