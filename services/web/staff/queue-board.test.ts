import { describe, expect, it } from 'vitest';
import { sameOrigin } from './queue-board.js';

describe('board actions only from this site', () => {
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
});
