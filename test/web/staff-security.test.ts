import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { createRedis, keysFor } from '../../src/redis.js';
import { StaffAccounts } from '../../src/staff/staff-accounts.js';
import { startService, type RunningService } from '../../services/service.js';
import { testEnvironment } from '../helpers/environment.js';
import { csrfIn, get, openSignIn, post, signIn, STAFF_PASSWORD } from './staff-helpers.js';

/** The web role with these settings and a staff account `alice`, for one describe block. */
function webWith(overrides: Record<string, string>) {
  const environment = testEnvironment(overrides);
  const keys = keysFor(environment.config.keyPrefix);
  const redis = createRedis(environment.config.redis, 'test');
  let service: RunningService | undefined;
  beforeAll(async () => {
    await new StaffAccounts(redis, keys).set('alice', STAFF_PASSWORD, 'administrator');
    await new StaffAccounts(redis, keys).set('bob', STAFF_PASSWORD);
    service = await startService(environment.config, ['web'], createLogger(environment.config.log));
  });
  afterAll(async () => {
    await service?.stop();
    await redis.quit();
  });
  return { redis, keys, app: (): FastifyInstance => service!.web! };
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const FORM = 'application/x-www-form-urlencoded';

describe('behind one trusted proxy (HTTP_TRUST_PROXY=1)', () => {
  const web = webWith({ HTTP_TRUST_PROXY: '1' });

  /** A sign-in through the proxy: it appends the address it saw to whatever X-Forwarded-For the client wrote. */
  async function attempt(clientWrote: string | null, seenByProxy: string, username: string, password: string) {
    const app = web.app();
    const headers = { 'x-forwarded-for': [clientWrote, seenByProxy].filter(Boolean).join(', '), 'x-forwarded-proto': 'https' };
    const page = await app.inject({ method: 'GET', url: '/staff/sign-in', headers });
    const cookie = page.cookies.find((c) => c.name === 'staff_session');
    return app.inject({
      method: 'POST',
      url: '/staff/sign-in',
      payload: form({ _csrf: csrfIn(page.body), username, password }),
      headers: { ...headers, cookie: `staff_session=${cookie?.value}`, 'content-type': FORM },
    });
  }

  it('takes the client from the proxy, not from what the client wrote: rotating X-Forwarded-For still meets the limit', async () => {
    const codes: number[] = [];
    for (let n = 1; n <= 25; n += 1) codes.push((await attempt(`198.51.100.${n}`, '203.0.113.77', `nobody${n}`, 'wrong password here')).statusCode);
    expect(codes.slice(0, 10).every((code) => code === 401)).toBe(true);
    expect(codes.slice(10).every((code) => code === 429)).toBe(true);
  });

  it('limits failures per account name as well, from however many clients', async () => {
    const codes: number[] = [];
    for (let n = 1; n <= 12; n += 1) codes.push((await attempt(null, `192.0.2.${n}`, n % 2 ? 'bob' : ' BOB', 'wrong password here')).statusCode);
    expect(codes.slice(0, 10).every((code) => code === 401)).toBe(true);
    expect(codes.slice(10)).toEqual([429, 429]);
    const refused = await attempt(null, '192.0.2.99', 'bob', STAFF_PASSWORD);
    expect(refused.statusCode).toBe(429);
    expect(refused.body).toContain('Too many attempts');
    // Another account is untouched.
    expect((await attempt(null, '192.0.2.100', 'alice', STAFF_PASSWORD)).statusCode).toBe(303);
  });

  it('does not let a client name itself loopback to read /metrics', async () => {
    const spoofed = await web.app().inject({ method: 'GET', url: '/metrics', headers: { 'x-forwarded-for': '127.0.0.1, 203.0.113.9' } });
    expect(spoofed.statusCode).toBe(403);
    const inside = await web.app().inject({ method: 'GET', url: '/metrics', headers: { 'x-forwarded-for': '10.1.2.3' } });
    expect(inside.statusCode).toBe(200);
  });

  it('sets a Secure cookie when the proxy says https, with the default http base URL', async () => {
    const page = await web.app().inject({ method: 'GET', url: '/staff/sign-in', headers: { 'x-forwarded-proto': 'https', 'x-forwarded-for': '192.0.2.1' } });
    expect(page.cookies.find((c) => c.name === 'staff_session')?.secure).toBe(true);
    const plain = await web.app().inject({ method: 'GET', url: '/staff/sign-in', headers: { 'x-forwarded-for': '192.0.2.1' } });
    expect(plain.cookies.find((c) => c.name === 'staff_session')?.secure).toBeFalsy();
  });
});

describe('with an https base URL, reached over plain http inside the network', () => {
  const web = webWith({ PUBLIC_BASE_URL: 'https://intake.example.gov.uk' });

  it('still sets a cookie the browser will send back, so sign-in works', async () => {
    const browser = await openSignIn(web.app());
    expect(browser.cookie).toMatch(/^staff_session=/);
    const signedIn = await signIn(web.app(), 'alice', STAFF_PASSWORD);
    expect((await get(web.app(), signedIn, '/staff')).statusCode).toBe(200);
  });
});

describe('refusals and errors in the dashboard style', () => {
  const web = webWith({});

  it('refuses a state-changing request from another site, whatever its CSRF token', async () => {
    const app = web.app();
    const browser = await openSignIn(app);
    const from = (headers: Record<string, string>) =>
      app.inject({
        method: 'POST',
        url: '/staff/sign-in',
        payload: form({ _csrf: browser.csrf, username: 'alice', password: STAFF_PASSWORD }),
        headers: { cookie: browser.cookie, 'content-type': FORM, ...headers },
      });
    const crossSite: Record<string, string>[] = [
      { origin: 'https://evil.example' },
      { origin: 'null' },
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site', origin: 'http://localhost' },
    ];
    for (const headers of crossSite) {
      const refused = await from(headers);
      expect(refused.statusCode, JSON.stringify(headers)).toBe(403);
      expect(refused.body).toContain('This request came from another site');
    }
    expect((await from({ 'sec-fetch-site': 'same-origin', origin: 'http://localhost:80' })).statusCode).toBe(303);

    const signedIn = await signIn(app, 'alice', STAFF_PASSWORD);
    const action = await app.inject({
      method: 'POST',
      url: '/staff/courts',
      payload: form({ _csrf: signedIn.csrf, code: '404', goLiveDate: '' }),
      headers: { cookie: signedIn.cookie, 'content-type': FORM, origin: 'https://evil.example' },
    });
    expect(action.statusCode).toBe(403);
    const board = await app.inject({
      method: 'PUT',
      url: '/staff/queues/api/queues/intake/pause',
      headers: { cookie: signedIn.cookie, 'sec-fetch-site': 'cross-site' },
    });
    expect(board.statusCode).toBe(403);
  });

  it('explains a stale form, an unknown page and a failure as pages, not JSON', async () => {
    const app = web.app();
    const signedIn = await signIn(app, 'alice', STAFF_PASSWORD);
    const stale = await post(app, { ...signedIn, csrf: 'from-an-old-page' }, '/staff/courts', { code: '404', goLiveDate: '' });
    expect(stale.statusCode).toBe(403);
    expect(stale.headers['content-type']).toMatch(/^text\/html/);
    expect(stale.body).toContain('This form has expired');

    for (const url of ['/staff/nothing-here', '/staff/submissions/' + 'f'.repeat(32) + '-1', '/staff/organisations/none']) {
      const missing = await get(app, signedIn, url);
      expect(missing.statusCode, url).toBe(404);
      expect(missing.body, url).toContain('Page not found');
      expect(missing.body, url).toContain('Signed in as');
    }

    // A record that cannot be read makes the page fail: staff see an apology, the log gets the error.
    await web.redis.lpush(web.keys.staff('audit'), '{not json');
    try {
      const broken = await get(app, signedIn, '/staff/audit');
      expect(broken.statusCode).toBe(500);
      expect(broken.body).toContain('Sorry, there is a problem with the service');
      expect(broken.body).not.toContain('SyntaxError');
    } finally {
      await web.redis.lpop(web.keys.staff('audit'));
    }
  });

  it('shows the limit on sign-in attempts as a page', async () => {
    const app = web.app();
    const browser = await openSignIn(app);
    let last = await post(app, browser, '/staff/sign-in', { username: 'nobody', password: 'wrong password here' });
    for (let i = 0; i < 10; i += 1) last = await post(app, browser, '/staff/sign-in', { username: `nobody${i}`, password: 'wrong password here' });
    expect(last.statusCode).toBe(429);
    expect(last.headers['content-type']).toMatch(/^text\/html/);
    expect(last.body).toContain('Too many attempts');
  });
});
