import { describe, expect, it } from 'vitest';
import { CachedTokenSource, renewMarginMs } from './access-token.js';

function counterSource(lifetimeMs: number, clock: { now: number }) {
  let issued = 0;
  const source = new CachedTokenSource(
    async (user) => {
      issued += 1;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return { accessToken: `${user}-${issued}`, expiresInMs: lifetimeMs };
    },
    () => clock.now,
  );
  return { source, issued: () => issued };
}

describe('the token cache', () => {
  it('keeps a token until shortly before it expires, then fetches a new one', async () => {
    const clock = { now: 1_000_000 };
    const { source, issued } = counterSource(3600_000, clock);
    const first = await source.token('CPOnboarding@justice.gov.uk');
    expect(first).toMatchObject({ accessToken: 'CPOnboarding@justice.gov.uk-1', expiresAt: 1_000_000 + 3600_000, renewAt: 1_000_000 + 3600_000 - 300_000 });
    clock.now = first.renewAt - 1;
    expect((await source.token('cponboarding@justice.gov.uk')).accessToken).toBe('CPOnboarding@justice.gov.uk-1');
    clock.now = first.renewAt;
    expect((await source.token('CPOnboarding@justice.gov.uk')).accessToken).toBe('CPOnboarding@justice.gov.uk-2');
    expect(issued()).toBe(2);
  });

  it('asks once for callers that want a token at the same time, and renews on request', async () => {
    const clock = { now: 0 };
    const { source, issued } = counterSource(20_000, clock);
    const tokens = await Promise.all([source.token('a@x'), source.token('a@x'), source.token('a@x')]);
    expect(new Set(tokens.map((t) => t.accessToken)).size).toBe(1);
    expect(issued()).toBe(1);
    expect((await source.token('a@x', { renew: true })).accessToken).toBe('a@x-2');
  });

  it('does not cache a failure', async () => {
    let calls = 0;
    const source = new CachedTokenSource(async () => {
      calls += 1;
      if (calls === 1) throw new Error('unreachable');
      return { accessToken: 't', expiresInMs: 60_000 };
    });
    await expect(source.token('a@x')).rejects.toThrow('unreachable');
    expect((await source.token('a@x')).accessToken).toBe('t');
  });

  it('renews short tokens a quarter of their life early, long ones five minutes early', () => {
    expect(renewMarginMs(20_000)).toBe(5_000);
    expect(renewMarginMs(3600_000)).toBe(300_000);
  });
});
