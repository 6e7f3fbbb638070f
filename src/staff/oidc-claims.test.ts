import { describe, expect, it } from 'vitest';
import { personFromClaims, roleFromClaims } from './oidc-claims.js';
import { parseRoleMap, staffSignInConfig, StaffOidcEnvSchema } from './oidc-settings.js';

const map = parseRoleMap('Onboarding.Viewer=viewer, Onboarding.Caseworker=caseworker,8f1c-guid=administrator');

describe('roles from the identity provider’s claims', () => {
  it('takes the highest role any value maps to', () => {
    expect(roleFromClaims({ roles: ['Onboarding.Viewer', 'Onboarding.Caseworker'] }, 'roles', map)).toBe('caseworker');
    expect(roleFromClaims({ groups: ['other', '8f1c-guid', 'Onboarding.Viewer'] }, 'groups', map)).toBe('administrator');
    expect(roleFromClaims({ roles: 'Onboarding.Viewer' }, 'roles', map)).toBe('viewer');
  });

  it('gives no role when nothing matches, the claim is missing or another claim holds the value', () => {
    expect(roleFromClaims({ roles: ['Someone.Else'] }, 'roles', map)).toBeNull();
    expect(roleFromClaims({}, 'roles', map)).toBeNull();
    expect(roleFromClaims({ groups: ['8f1c-guid'] }, 'roles', map)).toBeNull();
    expect(roleFromClaims({ roles: [42, null] }, 'roles', map)).toBeNull();
  });

  it('names the person by name, else username, else email, and keeps the subject', () => {
    expect(personFromClaims({ sub: 's1', name: 'Ada Lovelace', email: 'ada@example.org' })).toEqual({ name: 'Ada Lovelace', subject: 's1' });
    expect(personFromClaims({ sub: 's2', name: ' ', preferred_username: 'ada@example.org' })).toEqual({ name: 'ada@example.org', subject: 's2' });
    expect(personFromClaims({ sub: 's3', email: 'e@example.org' }).name).toBe('e@example.org');
  });
});

describe('single sign-on settings', () => {
  const parse = (env: Record<string, string>) => staffSignInConfig(StaffOidcEnvSchema.parse(env));
  const entra = {
    STAFF_OIDC_ISSUER: 'https://login.microsoftonline.com/t/v2.0',
    STAFF_OIDC_CLIENT_ID: 'c',
    STAFF_OIDC_CLIENT_SECRET: 's',
    STAFF_OIDC_ROLE_MAP: 'A=viewer',
  };

  it('turns local sign-in off with single sign-on unless asked to keep it', () => {
    expect(parse({})).toEqual({ oidc: null, localSignIn: true });
    expect(parse(entra).localSignIn).toBe(false);
    expect(parse({ ...entra, STAFF_LOCAL_SIGN_IN: 'true' }).localSignIn).toBe(true);
    expect(parse(entra).oidc?.scopes).toBe('openid profile email');
  });

  it('names the setting that is wrong', () => {
    expect(() => parse({ ...entra, STAFF_OIDC_ROLE_MAP: 'A=boss' })).toThrow(/STAFF_OIDC_ROLE_MAP .*at "A=boss"/);
    const { STAFF_OIDC_CLIENT_SECRET: _secret, ...noSecret } = entra;
    expect(() => parse(noSecret)).toThrow(/STAFF_OIDC_CLIENT_SECRET is required/);
    expect(() => parse({ ...entra, STAFF_OIDC_ISSUER: 'http://idp.example.org' })).toThrow(/must start with https/);
    expect(() => parse({ STAFF_OIDC_CLIENT_ID: 'c' })).toThrow(/STAFF_OIDC_ISSUER is not/);
    expect(() => parse({ ...noSecret, STAFF_OIDC_CLIENT_CERTIFICATE: 'not a certificate', STAFF_OIDC_CLIENT_CERTIFICATE_KEY: 'k' })).toThrow(
      /STAFF_OIDC_CLIENT_CERTIFICATE must be PEM/,
    );
    expect(() => parse({ STAFF_LOCAL_SIGN_IN: 'false' })).toThrow(/nobody could sign in/);
    expect(parse({ ...entra, STAFF_OIDC_ISSUER: 'http://127.0.0.1:9000' }).oidc?.issuer).toBe('http://127.0.0.1:9000');
  });
});
