import { describe, expect, it } from 'vitest';
import { loadConfig, loadRedisConfig } from './config.js';
import { configRefusal } from './testing/config-refusal.js';

const minimal = {
  REDIS_URL: 'redis://127.0.0.1:6379',
  IMAP_URL: 'imap://onboarding:s%40cret@mail.example:1143',
  SMTP_URL: 'smtp://relay.example:587',
};

const errorFor = (env: Record<string, string>) => configRefusal(env);

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig(minimal);
    expect(config.imap).toMatchObject({ host: 'mail.example', port: 1143, secure: false, user: 'onboarding', mailbox: 'INBOX', sentCopy: 'append' });
    expect(config.imap.login).toEqual({ kind: 'password', user: 'onboarding', pass: 's@cret' });
    expect(config.smtp.onboarding).toMatchObject({ host: 'relay.example', port: 587, from: 'CPOnboarding@justice.gov.uk', login: { kind: 'none' } });
    expect(config.sendLimits).toEqual({ perMinute: 30, recipientsPerDay: 10_000 });
    expect(config.imap.folders).toEqual({ processed: 'Processed', review: 'Review', accepted: 'Accepted', rejected: 'Rejected', sent: 'Sent' });
    expect(config.onboardingAddress).toBe('CPOnboarding@justice.gov.uk');
    expect(config.activationFrom).toBe('noreply@cjscp.org.uk');
    expect(config.http.port).toBe(3000);
    expect(config.log.level).toBe('info');
  });

  it('uses the IMAPS port and TLS for imaps://', () => {
    expect(loadConfig({ ...minimal, IMAP_URL: 'imaps://u:p@mail.example' }).imap).toMatchObject({ port: 993, secure: true });
  });

  it('names a missing setting in one line', () => {
    const { SMTP_URL: _omitted, ...withoutSmtp } = minimal;
    expect(errorFor(withoutSmtp)).toBe('Invalid configuration: SMTP_URL is required but not set');
  });

  it.each([
    ['REDIS_URL', 'localhost:6379', /^Invalid configuration: REDIS_URL must be a URL starting with redis:\/\/ or rediss:\/\/$/],
    ['IMAP_URL', 'http://mail.example', /^Invalid configuration: IMAP_URL must be a URL/],
    ['HTTP_PORT', 'eighty', /^Invalid configuration: HTTP_PORT /],
    ['ONBOARDING_ADDRESS', 'not-an-address', /^Invalid configuration: ONBOARDING_ADDRESS must be an email address$/],
    ['LOG_LEVEL', 'loud', /^Invalid configuration: LOG_LEVEL /],
  ])('names a malformed %s', (key, value, message) => {
    const text = errorFor({ ...minimal, [key]: value });
    expect(text).toMatch(message);
    expect(text).not.toContain('\n');
  });

  it('refuses an IMAP URL without a user', () => {
    expect(errorFor({ ...minimal, IMAP_URL: 'imap://mail.example' })).toMatch(/IMAP_URL must include a user name/);
  });

  it('refuses an outcome folder that is the watched mailbox itself', () => {
    expect(errorFor({ ...minimal, FOLDER_PROCESSED: 'INBOX' })).toMatch(/must all differ/);
  });

  it('treats an empty setting as unset', () => {
    expect(loadConfig({ ...minimal, HTTP_PORT: '' }).http.port).toBe(3000);
  });

  it('believes a proxy by hop count or address, never HTTP_TRUST_PROXY=true (the client writes the left-most X-Forwarded-For)', () => {
    expect(loadConfig(minimal).http.trustProxy).toBe(false);
    expect(loadConfig({ ...minimal, HTTP_TRUST_PROXY: '1' }).http.trustProxy).toBe(1);
    expect(loadConfig({ ...minimal, HTTP_TRUST_PROXY: '10.0.0.0/8,::1' }).http.trustProxy).toBe('10.0.0.0/8,::1');
    expect(errorFor({ ...minimal, HTTP_TRUST_PROXY: 'true' })).toMatch(/^Invalid configuration: HTTP_TRUST_PROXY must be false, the number of proxies/);
  });

  it('reads only the Redis settings for tools, whatever else is missing', () => {
    expect(loadRedisConfig({ REDIS_URL: 'redis://127.0.0.1:6379' })).toMatchObject({
      redis: { topology: { kind: 'standalone', node: { host: '127.0.0.1', port: 6379 } } },
      keyPrefix: 'intake',
    });
    expect(() => loadRedisConfig({ IMAP_URL: minimal.IMAP_URL })).toThrow('Invalid configuration: REDIS_URL is required but not set');
  });
});
