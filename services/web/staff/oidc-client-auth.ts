import { createHash, createPrivateKey, X509Certificate } from 'node:crypto';
import * as oidc from 'openid-client';
import type { StaffOidcConfig } from '../../../src/staff/oidc-settings.js';

/** How the dashboard authenticates to the token endpoint, and what it must learn from discovery to do so. */
export interface ClientAuthentication {
  method: oidc.ClientAuth;
  discovered(configuration: oidc.Configuration): void;
}

const thumbprint = (algorithm: 'sha1' | 'sha256', der: Buffer) => createHash(algorithm).update(der).digest('base64url');

/**
 * A client secret, or a certificate's key signing a client assertion (private_key_jwt). Entra finds the
 * certificate by the assertion's x5t (and x5t#S256) header and expects the token endpoint as its audience.
 */
export async function clientAuthentication(credential: StaffOidcConfig['credential']): Promise<ClientAuthentication> {
  if ('clientSecret' in credential) return { method: oidc.ClientSecretPost(credential.clientSecret), discovered: () => undefined };
  const der = new X509Certificate(credential.certificate).raw;
  const key = await createPrivateKey(credential.privateKey).toCryptoKey({ name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign']);
  let tokenEndpoint: string | undefined;
  const method = oidc.PrivateKeyJwt(key, {
    [oidc.modifyAssertion]: (header, payload) => {
      header.x5t = thumbprint('sha1', der);
      header['x5t#S256'] = thumbprint('sha256', der);
      if (tokenEndpoint) payload.aud = tokenEndpoint;
    },
  });
  return { method, discovered: (configuration) => void (tokenEndpoint = configuration.serverMetadata().token_endpoint) };
}
