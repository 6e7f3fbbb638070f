import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { createRedis, keysFor } from '../../src/redis.js';
import { AuditLog } from '../../src/staff/audit-log.js';
import { StaffAccounts } from '../../src/staff/staff-accounts.js';
import { SubmissionStore } from '../../src/submissions/submission-store.js';
import { startService, type RunningService } from '../../services/service.js';
import { testEnvironment } from '../helpers/environment.js';
import { get, openSignIn, post, signIn } from './staff-helpers.js';

describe('staff sign-in', () => {
  const environment = testEnvironment();
  const keys = keysFor(environment.config.keyPrefix);
  const redis = createRedis(environment.config.redis, 'test');
  let service: RunningService;

  beforeAll(async () => {
    await new StaffAccounts(redis, keys).set('alice', 'correct horse battery');
    service = await startService(environment.config, ['web'], createLogger(environment.config.log));
  });
  afterAll(async () => {
    await service?.stop();
    await redis.quit();
  });

  it('keeps every staff page behind sign-in, and the public ones open', async () => {
    const app = service.web!;
    for (const url of ['/staff', '/staff/submissions', '/staff/organisations', '/staff/courts', '/staff/audit', '/staff/queues', '/staff/queues/api/queues']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(302);
      expect(response.headers.location).toBe(`/staff/sign-in?next=${encodeURIComponent(url)}`);
    }
    expect((await app.inject({ method: 'POST', url: '/staff/submissions/x/actions' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/forms/registration.csv' })).statusCode).toBe(200);
    const welsh = await app.inject({ method: 'GET', url: '/forms/cofrestru.xlsx' });
    expect([welsh.statusCode, welsh.headers['content-disposition']]).toEqual([200, 'attachment; filename="Ffurflen gofrestru Platfform Cyffredin.xlsx"']);
    expect((await app.inject({ method: 'GET', url: '/forms/cofrestru.csv' })).body).toContain('Manylion y sefydliad');
    expect((await app.inject({ method: 'GET', url: '/assets/govuk-frontend.min.css' })).statusCode).toBe(200);
  });

  it('signs in with the right password only, records it, and signs out', async () => {
    const app = service.web!;
    const browser = await openSignIn(app);
    const wrong = await post(app, browser, '/staff/sign-in', { username: 'alice', password: 'wrong password here' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.body).toContain('Enter a correct username and password');
    expect((await post(app, browser, '/staff/sign-in', { username: 'nobody', password: 'correct horse battery' })).statusCode).toBe(401);

    const signedIn = await signIn(app, 'alice', 'correct horse battery');
    const overview = await get(app, signedIn, '/staff');
    expect(overview.statusCode).toBe(200);
    expect(overview.body).toContain('Signed in as <strong>alice</strong>');
    const withSlash = await get(app, signedIn, '/staff/');
    expect([withSlash.statusCode, withSlash.headers.location]).toEqual([301, '/staff']);
    const audit = await new AuditLog(redis, keys, new SubmissionStore(redis, keys)).newest(5);
    expect(audit.some((entry) => entry.actor === 'alice' && entry.action === 'signed-in')).toBe(true);

    expect((await post(app, signedIn, '/staff/sign-out', {})).statusCode).toBe(303);
    const [signedOut] = await new AuditLog(redis, keys, new SubmissionStore(redis, keys)).newest(1);
    expect(signedOut).toMatchObject({ actor: 'alice', action: 'signed-out' });
    expect((await get(app, signedIn, '/staff')).statusCode).toBe(302);
  });

  it('refuses a form posted without its CSRF token', async () => {
    const app = service.web!;
    const browser = await openSignIn(app);
    const response = await post(app, browser, '/staff/sign-in', { username: 'alice', password: 'correct horse battery' }, false);
    expect(response.statusCode).toBe(403);
    const signedIn = await signIn(app, 'alice', 'correct horse battery');
    expect((await post(app, signedIn, '/staff/sign-out', {}, false)).statusCode).toBe(403);
  });

  it('keeps a visitor who has not signed in for half an hour, and a signed-in session for the working day', async () => {
    const app = service.web!;
    const ttls = async () => {
      const sessionKeys = await redis.keys(`${keys.staff('session')}:*`);
      return Promise.all(sessionKeys.map((key) => redis.ttl(key)));
    };
    await redis.del(...(await redis.keys(`${keys.staff('session')}:*`)), 'placeholder');
    await openSignIn(app);
    expect((await ttls()).every((ttl) => ttl > 0 && ttl <= 1800)).toBe(true);
    await signIn(app, 'alice', 'correct horse battery');
    expect(Math.max(...(await ttls()))).toBeGreaterThan(7 * 3600);
  });

  it('sends security headers', async () => {
    const response = await service.web!.inject({ method: 'GET', url: '/staff/sign-in' });
    expect(response.headers['content-security-policy']).toMatch(/script-src 'self' 'nonce-/);
    expect(response.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['set-cookie']).toMatch(/HttpOnly/);
  });

  it('slows down password guessing: the eleventh attempt in a minute is refused', async () => {
    const app = service.web!;
    const browser = await openSignIn(app);
    const codes: number[] = [];
    for (let i = 0; i < 11; i += 1) codes.push((await post(app, browser, '/staff/sign-in', { username: 'alice', password: `guess number ${i}` })).statusCode);
    expect(codes.at(-1)).toBe(429);
  });
});

describe('staff sign-in behind a TLS-terminating proxy', () => {
  it('sets a Secure session cookie when the proxy says https, and limits sign-ins per client, not per proxy', async () => {
    const environment = testEnvironment({ PUBLIC_BASE_URL: 'https://intake.example.gov.uk', HTTP_TRUST_PROXY: '127.0.0.1' });
    const keys = keysFor(environment.config.keyPrefix);
    const redis = createRedis(environment.config.redis, 'test');
    await new StaffAccounts(redis, keys).set('alice', 'correct horse battery');
    const service = await startService(environment.config, ['web'], createLogger(environment.config.log));
    try {
      const app = service.web!;
      const viaProxy = (client: string) => ({ 'x-forwarded-proto': 'https', 'x-forwarded-for': client });
      const page = await app.inject({ method: 'GET', url: '/staff/sign-in', headers: viaProxy('198.51.100.1') });
      const cookie = page.cookies.find((c) => c.name === 'staff_session');
      expect(cookie?.secure).toBe(true);
      const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
      const attempt = (client: string, password: string, username = 'alice') =>
        app.inject({
          method: 'POST',
          url: '/staff/sign-in',
          payload: new URLSearchParams({ _csrf: csrf, username, password }).toString(),
          headers: { ...viaProxy(client), cookie: `staff_session=${cookie?.value}`, 'content-type': 'application/x-www-form-urlencoded' },
        });
      // Guesses at names other than alice's, so only the per-client limit (not the per-account one) is met.
      for (let i = 0; i < 10; i += 1) await attempt('198.51.100.7', `guess ${i} of many`, `someone${i}`);
      expect((await attempt('198.51.100.7', 'another guess here', 'someone')).statusCode).toBe(429);
      expect((await attempt('198.51.100.1', 'correct horse battery')).statusCode).toBe(303);
    } finally {
      await service.stop();
      await redis.quit();
    }
  });
});
