import { describe, expect, it } from 'vitest';
import { classifyImapFailure, classifySmtpFailure, classifyTokenFailure, TokenRequestError } from './auth-failure.js';

const tokenError = (status: number | null, code: string, description = '') => new TokenRequestError({ status, code, description });

describe('judging a failed login', () => {
  it.each([
    [
      tokenError(
        401,
        'invalid_client',
        'AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value',
      ),
      true,
      'AADSTS7000215',
      /secret is wrong/,
    ],
    [tokenError(401, 'invalid_client', 'AADSTS7000222: The provided client secret keys for app are expired.'), true, 'AADSTS7000222', /expired/],
    [tokenError(400, 'invalid_grant', 'AADSTS65001: The user or administrator has not consented to use the application'), true, 'AADSTS65001', /consent/],
    [tokenError(401, 'invalid_client', 'client authentication failed'), true, 'invalid_client', /client id or secret/],
    [
      tokenError(400, 'unauthorized_client', 'Client is unauthorized to retrieve access tokens using this method'),
      true,
      'unauthorized_client',
      /delegation or consent/,
    ],
    [tokenError(null, 'ECONNREFUSED'), false, 'ECONNREFUSED', /could not be reached/],
    [tokenError(503, 'temporarily_unavailable'), false, 'temporarily_unavailable', /unavailable or busy/],
    [tokenError(429, 'HTTP 429'), false, 'HTTP 429', /unavailable or busy/],
  ])('token endpoint answer %#', (error, permanent, code, reason) => {
    const failure = classifyTokenFailure(error);
    expect(failure).toMatchObject({ stage: 'token', permanent, code });
    expect(failure.reason).toMatch(reason);
  });

  it("reads imapflow login failures, and tells Exchange's login storm apart from a refusal", () => {
    const refused = Object.assign(new Error('Command failed'), {
      authenticationFailed: true,
      serverResponseCode: 'AUTHENTICATIONFAILED',
      response: 'NO [AUTHENTICATIONFAILED] Authentication failed.',
    });
    expect(classifyImapFailure(refused)).toMatchObject({ stage: 'imap', permanent: true, code: 'AUTHENTICATIONFAILED' });
    const storm = Object.assign(new Error('Command failed'), { authenticationFailed: true, response: 'NO User is authenticated but not connected.' });
    expect(classifyImapFailure(storm)).toMatchObject({ stage: 'imap', permanent: false });
    expect(classifyImapFailure(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBeNull();
    expect(classifyImapFailure(tokenError(null, 'ETIMEDOUT'))).toMatchObject({ stage: 'token', permanent: false });
  });

  it('reads nodemailer EAUTH errors with the enhanced status code', () => {
    const disabled = {
      code: 'EAUTH',
      responseCode: 535,
      response: '535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant.',
    };
    expect(classifySmtpFailure(disabled)).toMatchObject({ stage: 'smtp', permanent: true, code: '535 5.7.139' });
    expect(classifySmtpFailure(disabled)!.reason).toMatch(/SmtpClientAuthenticationDisabled/);
    expect(classifySmtpFailure({ code: 'EAUTH', responseCode: 535, response: '535 5.7.3 Authentication unsuccessful' })).toMatchObject({
      permanent: true,
      code: '535 5.7.3',
    });
    expect(classifySmtpFailure({ code: 'EAUTH', responseCode: 454, response: '454 4.7.0 Temporary authentication failure' })).toMatchObject({
      permanent: false,
      code: '454 4.7.0',
    });
    expect(classifySmtpFailure({ code: 'EENVELOPE', responseCode: 550, response: '550 5.1.1 unknown user' })).toBeNull();
    // A token that could not be fetched reaches nodemailer's callback as our own error, code rewritten to EAUTH.
    expect(classifySmtpFailure(Object.assign(tokenError(null, 'ECONNREFUSED'), { code: 'EAUTH' }))).toMatchObject({ stage: 'token', permanent: false });
  });
});
