import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CourtDirectory } from '../../src/courts/court-directory.js';
import { createLogger } from '../../src/logger.js';
import { createRedis, keysFor } from '../../src/redis.js';
import { AuditLog } from '../../src/staff/audit-log.js';
import { StaffAccounts } from '../../src/staff/staff-accounts.js';
import { SubmissionStore } from '../../src/submissions/submission-store.js';
import { startService, type RunningService } from '../../services/service.js';
import { testEnvironment } from '../helpers/environment.js';
import { get, post, signIn, type Browser } from './staff-helpers.js';

describe('staff: courts and the queue board', () => {
  const environment = testEnvironment();
  const keys = keysFor(environment.config.keyPrefix);
  const redis = createRedis(environment.config.redis, 'test');
  // A second reader, as a worker process would hold: it must see edits without a restart.
  const workerView = new CourtDirectory(createRedis(environment.config.redis, 'worker-view'), keys);
  let service: RunningService;
  let browser: Browser;

  beforeAll(async () => {
    await new StaffAccounts(redis, keys).set('erin', 'erin has a long password', 'administrator');
    service = await startService(environment.config, ['web'], createLogger(environment.config.log));
    browser = await signIn(service.web!, 'erin', 'erin has a long password');
  });
  afterAll(async () => {
    await service?.stop();
    await redis.quit();
  });

  const goLive = async (code: string) => (await workerView.list()).find((c) => c.code === code)?.goLiveDate;

  it('changes a go-live date; another process sees it at once, and the change is audited', async () => {
    expect(await goLive('429')).toBeNull();
    const response = await post(service.web!, browser, '/staff/courts', { code: '429', goLiveDate: '2027-04-01' });
    expect(response.headers.location).toContain('done=');
    expect(await goLive('429')).toBe('2027-04-01');
    expect((await get(service.web!, browser, '/staff/courts')).body).toMatch(
      /<td class="govuk-table__cell">429<\/td><td class="govuk-table__cell">[^<]*<\/td><td class="govuk-table__cell">2027-04-01/,
    );
    const audit = await new AuditLog(redis, keys, new SubmissionStore(redis, keys)).newest(1);
    expect(audit[0]).toMatchObject({ actor: 'erin', action: 'court-edited', detail: 'court 429 go-live: 2027-04-01' });

    expect((await post(service.web!, browser, '/staff/courts', { code: '429', goLiveDate: 'next April' })).headers.location).toContain('problem=');
    expect((await post(service.web!, browser, '/staff/courts', { code: 'NOPE', goLiveDate: '2027-01-01' })).headers.location).toContain('problem=');
    expect(await goLive('429')).toBe('2027-04-01');
    const activity = await get(service.web!, browser, '/staff/audit');
    expect(activity.body).toMatch(
      /<td class="govuk-table__cell">erin<\/td><td class="govuk-table__cell">Court go-live date changed<\/td>\s*<td class="govuk-table__cell">court 429 go-live: 2027-04-01/,
    );
  });

  it('takes go-live dates from an uploaded CSV file, all or nothing', async () => {
    const upload = async (csv: string) => {
      const boundary = '----staff-test-boundary';
      const body = [
        `--${boundary}`,
        'Content-Disposition: form-data; name="_csrf"',
        '',
        browser.csrf,
        `--${boundary}`,
        'Content-Disposition: form-data; name="file"; filename="courts.csv"',
        'Content-Type: text/csv',
        '',
        csv,
        `--${boundary}--`,
        '',
      ].join('\r\n');
      return service.web!.inject({
        method: 'POST',
        url: '/staff/courts/upload',
        payload: body,
        headers: { cookie: browser.cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
      });
    };
    const done = await upload('code,go_live_date\n408,2027-06-01\n429,\n');
    expect(done.statusCode).toBe(303);
    expect(decodeURIComponent(done.headers.location as string)).toContain('2 go-live date(s) set');
    expect(await goLive('408')).toBe('2027-06-01');
    expect(await goLive('429')).toBeNull();

    const refused = await upload('code,go_live_date\n408,2028-01-01\n411,soon\n');
    expect(decodeURIComponent(refused.headers.location as string)).toContain('Row 3 is not a date');
    expect(await goLive('408')).toBe('2027-06-01');
  });

  it('heads every page with the service name alone: no crown or GOV.UK logotype on an internal tool', async () => {
    const overview = (await get(service.web!, browser, '/staff')).body;
    expect(overview).toContain('govuk-service-navigation__service-name');
    expect(overview).not.toContain('govuk-header');
    expect(overview).not.toContain('govuk-icon');
  });

  it('shows Bull Board behind the sign-in, with every queue, and refuses board actions from another site', async () => {
    const board = await get(service.web!, browser, '/staff/queues');
    expect(board.statusCode).toBe(200);
    expect(board.body).toContain('<base href="/staff/queues/"');
    // Its typefaces come from this service: the policy allows no other site's styles.
    expect(board.body).not.toContain('fonts.googleapis.com');
    expect(board.body).toContain('<link href="/assets/queue-board/fonts.css" rel="stylesheet">');
    const fonts = await service.web!.inject({ method: 'GET', url: '/assets/queue-board/fonts.css' });
    expect(fonts.body).toContain("font-family: 'IBM Plex Sans'");
    const face = /url\((\/assets\/queue-board\/fonts\/ibm-plex-mono-latin-400-normal\.woff2)\)/.exec(fonts.body)?.[1];
    const file = await service.web!.inject({ method: 'GET', url: face! });
    expect(file.headers['content-type']).toBe('font/woff2');
    expect(file.rawPayload.subarray(0, 4).toString('latin1')).toBe('wOF2');
    const api = await get(service.web!, browser, '/staff/queues/api/queues');
    const names = (JSON.parse(api.body) as { queues: Array<{ name: string }> }).queues.map((q) => q.name);
    expect(names).toEqual(expect.arrayContaining(['intake', 'validate', 'setup', 'notify', 'filing']));
    const readOnly = await service.web!.inject({ method: 'PUT', url: '/staff/queues/api/queues/intake/pause', headers: { cookie: browser.cookie } });
    expect(readOnly.statusCode).toBe(403);
    expect((await get(service.web!, browser, '/staff/queues-admin')).body).toContain('<base href="/staff/queues-admin/"');
    const crossSite = await service.web!.inject({
      method: 'PUT',
      url: '/staff/queues-admin/api/queues/intake/pause',
      headers: { cookie: browser.cookie, origin: 'https://evil.example' },
    });
    expect(crossSite.statusCode).toBe(403);
    const sameSite = await service.web!.inject({
      method: 'PUT',
      url: '/staff/queues-admin/api/queues/intake/pause',
      headers: { cookie: browser.cookie, origin: 'http://localhost:80', host: 'localhost:80' },
    });
    expect(sameSite.statusCode).toBe(200);
    const audit = await new AuditLog(redis, keys, new SubmissionStore(redis, keys)).newest(1);
    expect(audit[0]).toMatchObject({ actor: 'erin', action: 'queue-board', detail: 'PUT /api/queues/intake/pause' });
  });
});
