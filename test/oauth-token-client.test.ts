import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../src/local-servers/free-port.js';
import { TokenRequestError, classifyTokenFailure } from '../src/mail-auth/auth-failure.js';
import { clientCredentialsToken } from '../src/mail-auth/client-credentials.js';
import { startOAuthTokenService, type OAuthTokenService } from './helpers/oauth-token-service.js';

describe('the client-credentials grant against a real authorisation server', () => {
  let service: OAuthTokenService;
  let secret: string;

  beforeAll(async () => {
    service = await startOAuthTokenService({ tokenLifetimeSeconds: 20 });
    secret = service.addClient('grant-test', ['cponboarding']);
  });
  afterAll(() => service.stop());

  it('gets a token the server recognises, with its lifetime', async () => {
    const fetch = clientCredentialsToken({ tokenUrl: service.tokenUrl, clientId: 'grant-test', clientSecret: secret, scope: service.scope });
    const token = await fetch('cponboarding');
    expect(token.expiresInMs).toBe(20_000);
    expect(await service.introspect(token.accessToken)).toMatchObject({ active: true, clientId: 'grant-test', mailboxes: ['cponboarding'] });
  });

  it("reports a wrong secret as permanent, with the server's code", async () => {
    const fetch = clientCredentialsToken({ tokenUrl: service.tokenUrl, clientId: 'grant-test', clientSecret: 'wrong', scope: service.scope });
    const error = await fetch('cponboarding').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TokenRequestError);
    expect(classifyTokenFailure(error as TokenRequestError)).toMatchObject({ permanent: true, code: 'invalid_client' });
    expect(String((error as Error).message)).not.toContain('wrong');
  });

  it('reports an unreachable endpoint as temporary', async () => {
    const fetch = clientCredentialsToken({
      tokenUrl: `http://127.0.0.1:${await freePort()}/token`,
      clientId: 'grant-test',
      clientSecret: secret,
      scope: service.scope,
    });
    const error = await fetch('cponboarding').catch((caught: unknown) => caught);
    expect(classifyTokenFailure(error as TokenRequestError)).toMatchObject({ permanent: false, code: 'ECONNREFUSED' });
  });
});
