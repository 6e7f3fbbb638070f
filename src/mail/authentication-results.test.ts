import { describe, expect, it } from 'vitest';
import { authenticationResultsHeaders, parseAuthenticationResults, trustedAuthenticationResults } from './authentication-results.js';

describe('parseAuthenticationResults', () => {
  it('reads a Microsoft 365 header with comments and a version', () => {
    const value =
      'spf=pass (sender IP is 192.0.2.10) smtp.mailfrom=smith-law.example; dkim=pass (signature was verified) header.d=smith-law.example;dmarc=pass action=none header.from=smith-law.example;compauth=pass reason=100';
    expect(parseAuthenticationResults(`mx.justice.gov.uk 1; ${value}`)).toEqual({
      authservId: 'mx.justice.gov.uk',
      spf: 'pass',
      dkim: 'pass',
      dmarc: 'pass',
      dmarcDomain: 'smith-law.example',
    });
  });

  it('passes DKIM when any one of several signatures passes, and says none when a method is absent', () => {
    expect(parseAuthenticationResults('mx.example; dkim=fail header.d=a.example; dkim=pass header.d=b.example')).toMatchObject({
      dkim: 'pass',
      spf: 'none',
      dmarc: 'none',
    });
  });

  it('does not read results out of comments, which may hold ";"', () => {
    expect(parseAuthenticationResults('mx.example; spf=temperror (lookup failed; dmarc=pass) smtp.mailfrom=x.example')).toMatchObject({
      dmarc: 'none',
      spf: 'temperror',
    });
  });
});

describe('trustedAuthenticationResults', () => {
  it('takes the first header, top down, from a trusted id', () => {
    const values = ['other.example; dmarc=pass', 'mx.example; dmarc=fail', 'mx.example; dmarc=pass'];
    expect(trustedAuthenticationResults(values, ['MX.example'])?.dmarc).toBe('fail');
    expect(trustedAuthenticationResults(values, ['nobody.example'])).toBeNull();
  });
});

describe('authenticationResultsHeaders', () => {
  it('unfolds continued lines and stops at the end of the header block', () => {
    const raw = Buffer.from('Authentication-Results: mx.example;\r\n\tdmarc=pass\r\nSubject: x\r\n\r\nAuthentication-Results: fake; dmarc=pass\r\n');
    expect(authenticationResultsHeaders(raw)).toEqual(['mx.example; dmarc=pass']);
  });
});
