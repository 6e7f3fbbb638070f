import { createPublicKey } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JWK } from 'oidc-provider';
import { describe, expect, it } from 'vitest';
import { createRedis, keysFor } from '../../src/redis.js';
import { AuditLog } from '../../src/staff/audit-log.js';
import { StaffAccounts } from '../../src/staff/staff-accounts.js';
import { SubmissionStore } from '../../src/submissions/submission-store.js';
import { waitFor } from '../helpers/environment.js';
import { HttpBrowser } from '../helpers/http-browser.js';
import { makeTestCertificates } from '../helpers/test-certificates.js';
import { STAFF_PEOPLE } from '../helpers/staff-identity-provider.js';
import { seedSubmission } from './staff-helpers.js';
import { csrfOf, isCallback, signInThroughProvider, startSsoWeb, withSsoWeb } from './staff-sso-helpers.js';

const PASSWORD = 'a long break-glass password';

describe('staff single sign-on through the organisation’s OpenID provider', () => {
  const web = withSsoWeb();
  const stores = () => {
    const { environment } = web();
    const keys = keysFor(environment.config.keyPrefix);
    return { keys, redis: createRedis(environment.config.redis, 'test') };
  };

  it('signs each person in with the role their app roles give, through the code flow with PKCE, state and nonce', async () => {
    const { base, idp } = web();
    for (const [person, role] of [
      ['viewer', 'viewer'],
      ['caseworker', 'caseworker'],
      ['administrator', 'administrator'],
    ] as const) {
      const { browser, url, body } = await signInThroughProvider(base, person);
      expect(url).toBe(`${base}/staff/submissions`);
      expect(body).toContain(`Signed in as <strong>${STAFF_PEOPLE[person].name}</strong> (${role})`);
      const asked = new URL(browser.hops.find((hop) => hop.url.startsWith(`${idp.issuer}/auth?`))!.url);
      expect(asked.searchParams.get('code_challenge_method')).toBe('S256');
      expect(asked.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
      expect(asked.searchParams.get('state')).toBeTruthy();
      expect(asked.searchParams.get('nonce')).toBeTruthy();
      expect(asked.searchParams.get('redirect_uri')).toBe(`${base}/staff/sign-in/callback`);
    }
  });

  it('refuses, with a page saying why, someone whose roles map to none, and audits it with their name', async () => {
    const { base } = web();
    const { browser, response, body } = await signInThroughProvider(base, 'outsider');
    expect(response.status).toBe(403);
    expect(body).toContain('Your account has no role in this dashboard');
    expect((await browser.request(`${base}/staff`)).headers.get('location')).toMatch(/^\/staff\/sign-in/);
    const { redis, keys } = stores();
    const entries = await new AuditLog(redis, keys, new SubmissionStore(redis, keys)).newest(20);
    expect(entries).toContainEqual(expect.objectContaining({ actor: 'Otto Outsider', subject: STAFF_PEOPLE.outsider.sub, action: 'sign-in-refused' }));
    await redis.quit();
  });

  it('keeps one local administrator as the way back in: an administrator signed in through the provider cannot remove or demote the last', async () => {
    const { base } = web();
    const { redis, keys } = stores();
    const accounts = new StaffAccounts(redis, keys);
    await accounts.set('breakglass', PASSWORD, 'administrator');
    const { browser } = await signInThroughProvider(base, 'administrator');
    const csrf = csrfOf(await (await browser.request(`${base}/staff/accounts`)).text());
    const said = async (response: Response) => decodeURIComponent(response.headers.get('location') ?? '');
    expect(await said(await browser.request(`${base}/staff/accounts/breakglass/remove`, { form: { _csrf: csrf } }))).toContain(
      'breakglass is the only local administrator',
    );
    expect(await said(await browser.request(`${base}/staff/accounts/breakglass/role`, { form: { _csrf: csrf, role: 'viewer' } }))).toContain(
      'breakglass is the only local administrator',
    );
    expect(await accounts.roleOf('breakglass')).toBe('administrator');
    // With a second local administrator, either may go.
    await accounts.set('spare', PASSWORD, 'administrator');
    expect(await said(await browser.request(`${base}/staff/accounts/breakglass/remove`, { form: { _csrf: csrf } }))).toContain('done=');
    expect(await accounts.roleOf('breakglass')).toBeNull();
    await accounts.remove('spare');
    await redis.quit();
  });

  it('records the provider’s name for the person, and their subject, on sign-in and on what they do', async () => {
    const { base } = web();
    const { redis, keys } = stores();
    const submission = await seedSubmission(redis, keys, { state: 'review' });
    const { browser } = await signInThroughProvider(base, 'caseworker');
    const csrf = csrfOf(await (await browser.request(`${base}/staff`)).text());
    const rejected = await browser.request(`${base}/staff/submissions/${submission.submissionId}/actions`, {
      form: { _csrf: csrf, action: 'reject', note: 'sent twice' },
    });
    expect(rejected.status).toBe(303);
    const entries = await new AuditLog(redis, keys, new SubmissionStore(redis, keys)).newest(20);
    const subject = STAFF_PEOPLE.caseworker.sub;
    expect(entries).toContainEqual(
      expect.objectContaining({ actor: 'Cass Caseworker', subject, action: 'signed-in', detail: 'as caseworker, through single sign-on' }),
    );
    expect(entries).toContainEqual(
      expect.objectContaining({ actor: 'Cass Caseworker', subject, action: 'staff-rejected', submissionId: submission.submissionId }),
    );
    expect((await new SubmissionStore(redis, keys).timeline(submission.submissionId)).at(-1)).toMatchObject({
      event: 'staff-rejected',
      actor: 'Cass Caseworker',
    });
    await redis.quit();
  });

  it('refuses a callback whose state is not this browser’s, and the same callback twice', async () => {
    const { base } = web();
    const { browser, response } = await signInThroughProvider(base, 'viewer', new HttpBrowser(), isCallback);
    const callback = new URL(response.headers.get('location')!, base);
    const forged = new URL(callback);
    forged.searchParams.set('state', 'attacker-chosen-state');
    const wrongState = await browser.visit(forged.href);
    expect(wrongState.response.status).toBe(400);
    expect(wrongState.body).toContain('This sign-in has expired');
    const stranger = await new HttpBrowser().visit(callback.href);
    expect(stranger.response.status).toBe(400);
    const tampered = new URL(callback);
    tampered.searchParams.set('code', `${callback.searchParams.get('code')}x`);
    const first = await browser.copy().visit(tampered.href);
    expect(first.body).toContain('Sign-in did not work');
    // The attempt was used up by the tampered code: the real one is refused too, and so signs nobody in.
    const replayed = await browser.visit(callback.href);
    expect(replayed.response.status).toBe(400);
    expect((await browser.request(`${base}/staff`)).status).toBe(302);

    const fresh = await signInThroughProvider(base, 'viewer', new HttpBrowser(), isCallback);
    const good = new URL(fresh.response.headers.get('location')!, base).href;
    expect((await fresh.browser.visit(good)).url).toBe(`${base}/staff/submissions`);
    const again = await fresh.browser.visit(good);
    expect(again.response.status).toBe(400);
    expect(again.body).toContain('This sign-in has expired');
  });

  it('signs out at the provider too, with the ID token as hint, and comes back to the sign-in page', async () => {
    const { base, idp } = web();
    const { browser } = await signInThroughProvider(base, 'administrator');
    const csrf = csrfOf(await (await browser.request(`${base}/staff`)).text());
    const signOut = await browser.request(`${base}/staff/sign-out`, { form: { _csrf: csrf } });
    expect(signOut.status).toBe(303);
    const endSession = new URL(signOut.headers.get('location')!);
    expect(`${endSession.origin}${endSession.pathname}`).toBe(`${idp.issuer}/session/end`);
    expect(endSession.searchParams.get('post_logout_redirect_uri')).toBe(`${base}/staff/sign-in`);
    expect(endSession.searchParams.get('id_token_hint')?.split('.')).toHaveLength(3);
    expect((await browser.request(`${base}/staff`)).status).toBe(302);
    const confirm = await browser.visit(endSession.href);
    expect(confirm.response.status).toBe(200);
    const action = /<form[^>]*action="([^"]+)"/.exec(confirm.body)![1]!;
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(confirm.body)![1]!;
    const back = await browser.visit(new URL(action, idp.issuer).href, { form: { xsrf, logout: 'yes' } });
    expect(back.url).toBe(`${base}/staff/sign-in`);
    expect(back.body).toContain('Sign in with Justice Example');
  });

  it('turns local sign-in off, and keeps it as a break-glass with STAFF_LOCAL_SIGN_IN=true', async () => {
    const { base, environment, idp } = web();
    const { redis, keys } = stores();
    await new StaffAccounts(redis, keys).set('breakglass', PASSWORD, 'administrator');
    const browser = new HttpBrowser();
    const page = (await browser.visit(`${base}/staff/sign-in`)).body;
    expect(page).toContain('Sign in with Justice Example');
    expect(page).not.toContain('name="password"');
    const refused = await browser.request(`${base}/staff/sign-in`, { form: { _csrf: csrfOf(page), username: 'breakglass', password: PASSWORD } });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('Signing in with a dashboard username and password is turned off');

    const glass = await startSsoWeb({ STAFF_LOCAL_SIGN_IN: 'true', KEY_PREFIX: environment.config.keyPrefix }, idp);
    try {
      const local = new HttpBrowser();
      const both = (await local.visit(`${glass.base}/staff/sign-in`)).body;
      expect(both).toContain('Sign in with Justice Example');
      expect(both).toContain('name="password"');
      const signedIn = await local.visit(`${glass.base}/staff/sign-in`, {
        form: { _csrf: csrfOf(both), username: 'breakglass', password: PASSWORD, next: '/staff' },
      });
      expect(signedIn.body).toContain('Signed in as <strong>breakglass</strong> (administrator)');
      // The same session, shown to a web role where local sign-in is off, counts for nothing.
      expect((await local.request(`${base}/staff`)).status).toBe(302);
    } finally {
      await glass.service.stop();
    }
    await redis.quit();
  });

  it('signs in with a certificate’s key instead of a client secret (private_key_jwt)', async () => {
    const { idp, environment } = web();
    const dir = mkdtempSync(join(tmpdir(), 'staff-oidc-cert-'));
    try {
      const { server } = makeTestCertificates(dir);
      idp.addCertificateClient('onboarding-dashboard-cert', createPublicKey(server.key).export({ format: 'jwk' }) as JWK);
      const certified = await startSsoWeb(
        {
          STAFF_OIDC_CLIENT_ID: 'onboarding-dashboard-cert',
          STAFF_OIDC_CLIENT_SECRET: '',
          STAFF_OIDC_CLIENT_CERTIFICATE: server.cert,
          STAFF_OIDC_CLIENT_CERTIFICATE_KEY: server.key,
          KEY_PREFIX: environment.config.keyPrefix,
        },
        idp,
      );
      try {
        const { url, body } = await signInThroughProvider(certified.base, 'caseworker');
        expect(url).toBe(`${certified.base}/staff/submissions`);
        expect(body).toContain('Signed in as <strong>Cass Caseworker</strong> (caseworker)');
      } finally {
        await certified.service.stop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('starts while the provider is down, says it cannot be reached, and signs in once it is back', async () => {
    const { idp } = web();
    await idp.pause();
    let late: Awaited<ReturnType<typeof startSsoWeb>> | undefined;
    try {
      late = await startSsoWeb({}, idp);
      const down = await new HttpBrowser().visit(`${late.base}/staff/sign-in/sso`);
      expect(down.response.status).toBe(503);
      expect(down.body).toContain('Cannot reach the identity provider');
    } finally {
      await idp.resume();
    }
    const base = late!.base;
    try {
      // Paced: sign-in attempts are rate-limited per address, and the provider is asked again at most every few seconds.
      const pacedAttempt = async () => {
        await new Promise((resolve) => setTimeout(resolve, 2_000));
        return (await new HttpBrowser().request(`${base}/staff/sign-in/sso`)).status === 303;
      };
      await waitFor(pacedAttempt, 'sign-in to reach the provider again', 40_000);
      expect((await signInThroughProvider(base, 'viewer')).url).toBe(`${base}/staff/submissions`);
    } finally {
      await late?.service.stop();
    }
  });
});
