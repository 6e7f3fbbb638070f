import { describe, expect, it } from 'vitest';
import { fromThisSite, sameOrigin } from './same-origin.js';

describe('changes only from this site', () => {
  const publicUrl = 'https://intake.example.gov.uk';
  it('accepts the host the request was sent to, default ports and all, and the public address behind a proxy', () => {
    expect(sameOrigin('http://localhost:3000', 'localhost:3000', publicUrl)).toBe(true);
    expect(sameOrigin('http://localhost', 'localhost:80', publicUrl)).toBe(true);
    expect(sameOrigin('https://intake.example.gov.uk', '127.0.0.1:3000', publicUrl)).toBe(true);
    expect(sameOrigin(undefined, 'localhost:3000', publicUrl)).toBe(true);
  });

  it('refuses any other site, and an origin it cannot read', () => {
    expect(sameOrigin('https://evil.example', 'localhost:3000', publicUrl)).toBe(false);
    expect(sameOrigin('http://intake.example.gov.uk', '127.0.0.1:3000', publicUrl)).toBe(false);
    expect(sameOrigin('null', 'localhost:3000', publicUrl)).toBe(false);
  });

  it('lets Sec-Fetch-Site decide when a browser sends it, and Origin otherwise', () => {
    // Chromium sends Origin: null on a same-origin form post when the page's referrer policy is no-referrer.
    expect(fromThisSite({ 'sec-fetch-site': 'same-origin', origin: 'null' }, 'localhost:3000', publicUrl)).toBe(true);
    for (const site of ['cross-site', 'same-site', 'none']) expect(fromThisSite({ 'sec-fetch-site': site }, 'localhost:3000', publicUrl)).toBe(false);
    expect(fromThisSite({ origin: 'https://evil.example' }, 'localhost:3000', publicUrl)).toBe(false);
    expect(fromThisSite({}, 'localhost:3000', publicUrl)).toBe(true);
  });
});
