import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedis, keysFor, type Keys, type RedisClient } from '../../src/redis.js';
import type { Submission } from '../../src/submissions/submission-store.js';
import { STAFF_PEOPLE, type StaffPerson } from '../helpers/staff-identity-provider.js';
import { ARTIFACTS, CHROMIUM, expectAccessible, screenshot } from '../helpers/staff-browser.js';
import { changingStaffRoutes, seedSubmission } from './staff-helpers.js';
import { startSsoWeb, type SsoWeb } from './staff-sso-helpers.js';

/** Routes only administrators may use, beside everything a viewer may not: court edits and the full queue board. */
const ADMINISTRATOR_ONLY = [
  { method: 'POST', url: '/staff/courts' },
  { method: 'POST', url: '/staff/courts/upload' },
  { method: 'PUT', url: '/staff/queues-admin/api/queues/intake/pause' },
  { method: 'PUT', url: '/staff/queues-admin/api/queues/intake/failed/clean' },
  { method: 'GET', url: '/staff/queues-admin' },
];

describe('staff single sign-on in a real browser', () => {
  let web: SsoWeb;
  let browser: Browser;
  let redis: RedisClient;
  let keys: Keys;
  let submission: Submission;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    web = await startSsoWeb();
    keys = keysFor(web.environment.config.keyPrefix);
    redis = createRedis(web.environment.config.redis, 'test');
    submission = await seedSubmission(redis, keys, { state: 'review' });
    browser = await chromium.launch(CHROMIUM);
  });
  afterAll(async () => {
    await browser?.close();
    await redis?.quit();
    await web?.service.stop();
    await web?.idp.stop();
  });

  /** A fresh browser profile that signs in through the provider's own page, as the person would. */
  async function signInAs(person: StaffPerson, screenshots = false): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${web.base}/staff/courts`);
    expect(new URL(page.url()).pathname).toBe('/staff/sign-in');
    if (screenshots) {
      await expectAccessible(page, 'sign-in with single sign-on');
      await screenshot(page, 'sso-01-sign-in');
    }
    expect(await page.getByLabel('Password').count()).toBe(0);
    await page.getByRole('button', { name: 'Sign in with Justice Example' }).click();
    await page.getByLabel('Username').fill(STAFF_PEOPLE[person].email.split('@')[0]!);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL((url) => url.origin === web.base);
    return page;
  }

  /** The session's cookie and a CSRF token from its page, sent as a script would, outside the page's buttons. */
  const tokens = new WeakMap<Page, string>();
  async function send(page: Page, method: string, url: string): Promise<number> {
    if (!tokens.has(page)) {
      await page.goto(`${web.base}/staff`);
      tokens.set(page, await page.locator('input[name="_csrf"]').first().inputValue());
    }
    const csrf = tokens.get(page)!;
    const response = await page.request.fetch(`${web.base}${url}`, {
      method,
      form: { _csrf: csrf, action: 'reject', note: 'tried directly', code: '404', goLiveDate: '' },
      maxRedirects: 0,
    });
    return response.status();
  }

  it('signs a viewer in, who may read but not act: no action buttons, and 403 for every change tried directly', async () => {
    const page = await signInAs('viewer', true);
    expect(new URL(page.url()).pathname).toBe('/staff/courts');
    expect(await page.getByText('Signed in as').textContent()).toContain('Vera Viewer');
    expect(await page.getByRole('heading', { name: 'Change one court' }).count()).toBe(0);
    await page.goto(`${web.base}/staff/submissions/${submission.submissionId}`);
    expect(await page.getByRole('heading', { name: 'Actions' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Queues' }).getAttribute('href')).toBe('/staff/queues');
    await screenshot(page, 'sso-02-viewer');
    const routes = changingStaffRoutes(web.service.web!, submission.submissionId);
    expect(routes.length).toBeGreaterThan(40);
    for (const { method, url } of [...routes, ...ADMINISTRATOR_ONLY]) expect(await send(page, method, url), `${method} ${url}`).toBe(403);
    // The same cookie and token are good where the role allows: signing out takes them.
    expect(await send(page, 'POST', '/staff/sign-out')).toBe(303);
    await page.context().close();
  });

  it('signs a caseworker in, who may act on submissions but not on courts or the full queue board', async () => {
    const page = await signInAs('caseworker');
    expect(await page.getByText('Signed in as').textContent()).toContain('Cass Caseworker');
    expect(await page.getByRole('heading', { name: 'Change one court' }).count()).toBe(0);
    await page.goto(`${web.base}/staff/submissions/${submission.submissionId}`);
    expect(await page.getByRole('heading', { name: 'Actions' }).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Queues' }).getAttribute('href')).toBe('/staff/queues');
    for (const { method, url } of ADMINISTRATOR_ONLY) expect(await send(page, method, url), `${method} ${url}`).toBe(403);
    const other = await seedSubmission(redis, keys, { state: 'review' });
    expect(await send(page, 'POST', `/staff/submissions/${other.submissionId}/actions`)).toBe(303);
    await page.context().close();
  });

  it('signs an administrator in, who may edit courts and open the full queue board, and signs out at the provider too', async () => {
    const page = await signInAs('administrator');
    expect(await page.getByText('Signed in as').textContent()).toContain('Ada Administrator');
    expect(await page.getByRole('heading', { name: 'Change one court' }).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Queues' }).getAttribute('href')).toBe('/staff/queues-admin');
    expect(await send(page, 'GET', '/staff/queues-admin')).toBe(200);
    await page.goto(`${web.base}/staff`);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Yes, sign me out' }).click();
    await page.waitForURL(`${web.base}/staff/sign-in`);
    await page.goto(`${web.base}/staff`);
    expect(new URL(page.url()).pathname).toBe('/staff/sign-in');
    await page.context().close();
  });

  it('turns away someone with no role, and a sign-in that was already used, with accessible pages', async () => {
    const page = await signInAs('outsider');
    await page.getByRole('heading', { name: 'Your account has no role in this dashboard' }).waitFor();
    await expectAccessible(page, 'no role');
    await screenshot(page, 'sso-03-no-role');
    // The refusal was drawn at the callback's address: loading it again replays the same code and state.
    expect(new URL(page.url()).pathname).toBe('/staff/sign-in/callback');
    await page.reload();
    await page.getByRole('heading', { name: 'This sign-in has expired' }).waitFor();
    await expectAccessible(page, 'sign-in expired');
    await screenshot(page, 'sso-04-expired');
    await page.context().close();
  });

  it('offers the break-glass form beside single sign-on, and says so when the provider cannot be reached, accessibly', async () => {
    await web.idp.pause();
    let late: SsoWeb | undefined;
    try {
      late = await startSsoWeb({ STAFF_LOCAL_SIGN_IN: 'true' }, web.idp);
      const page = await (await browser.newContext()).newPage();
      await page.goto(`${late.base}/staff/sign-in`);
      expect(await page.getByLabel('Password', { exact: true }).count()).toBe(1);
      await expectAccessible(page, 'sign-in with single sign-on and the break-glass form');
      await screenshot(page, 'sso-06-sign-in-with-break-glass');
      await page.getByRole('button', { name: 'Sign in with Justice Example' }).click();
      await page.getByRole('heading', { name: 'Cannot reach the identity provider' }).waitFor();
      await expectAccessible(page, 'identity provider unreachable');
      await screenshot(page, 'sso-05-unreachable');
      await page.context().close();
    } finally {
      await web.idp.resume();
      await late?.service.stop();
    }
  });
});
