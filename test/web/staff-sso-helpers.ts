import { afterAll, beforeAll } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { freePort } from '../../src/local-servers/free-port.js';
import { startService, type RunningService } from '../../services/service.js';
import { testEnvironment, type TestEnvironment } from '../helpers/environment.js';
import { HttpBrowser } from '../helpers/http-browser.js';
import { STAFF_PEOPLE, startStaffIdentityProvider, type StaffIdentityProvider, type StaffPerson } from '../helpers/staff-identity-provider.js';

export interface SsoWeb {
  base: string;
  idp: StaffIdentityProvider;
  environment: TestEnvironment;
  service: RunningService;
}

/** A web role on a port of its own (the provider must know its redirect URI first), with a real provider beside it. */
export async function startSsoWeb(env: Record<string, string> = {}, idp?: StaffIdentityProvider): Promise<SsoWeb> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const provider = idp ?? (await startStaffIdentityProvider(base));
  if (idp) idp.allowWebApp(base);
  const environment = testEnvironment({ HTTP_PORT: String(port), PUBLIC_BASE_URL: base, ...provider.env, ...env });
  const service = await startService(environment.config, ['web'], createLogger(environment.config.log));
  return { base, idp: provider, environment, service };
}

/** The web role and its provider for one file's tests. */
export function withSsoWeb(env: Record<string, string> = {}): () => SsoWeb {
  let web: SsoWeb | undefined;
  beforeAll(async () => {
    web = await startSsoWeb(env);
  });
  afterAll(async () => {
    await web?.service.stop();
    await web?.idp.stop();
  });
  return () => web!;
}

export const isCallback = (url: string) => new URL(url).pathname === '/staff/sign-in/callback';

/** Starts single sign-on and types the person's username at the provider; stops where `stopBefore` says. */
export async function signInThroughProvider(base: string, person: StaffPerson, browser = new HttpBrowser(), stopBefore?: (url: string) => boolean) {
  const login = await browser.visit(`${base}/staff/sign-in/sso?next=${encodeURIComponent('/staff/submissions')}`);
  if (!login.url.includes('/interaction/')) throw new Error(`expected the provider's sign-in page, got ${login.response.status} at ${login.url}`);
  const done = await browser.visit(`${login.url}/login`, { form: { username: STAFF_PEOPLE[person].email.split('@')[0]! } }, stopBefore);
  return { browser, ...done };
}

export const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
