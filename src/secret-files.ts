import { readFileSync } from 'node:fs';

/**
 * Settings that hold secrets (or URLs that may carry a password). Each may instead be given as `NAME_FILE`, the
 * path of a file holding the value: Kubernetes and Azure Key Vault mount secrets as files, and a file keeps the
 * secret out of the process environment, which other tools print.
 */
export const SECRET_SETTINGS = [
  'REDIS_URL',
  'REDIS_PASSWORD',
  'REDIS_SENTINEL_PASSWORD',
  'IMAP_URL',
  'IMAP_PASSWORD',
  'SMTP_URL',
  'SMTP_PASSWORD',
  'ACTIVATION_SMTP_URL',
  'ACTIVATION_SMTP_PASSWORD',
  'OAUTH_CLIENT_SECRET',
  'OAUTH_CERTIFICATE',
  'OAUTH_CERTIFICATE_KEY',
  'OAUTH_SERVICE_ACCOUNT_KEY',
  'ACTIVATION_OAUTH_CLIENT_SECRET',
  'ACTIVATION_OAUTH_CERTIFICATE',
  'ACTIVATION_OAUTH_CERTIFICATE_KEY',
  'ACTIVATION_OAUTH_SERVICE_ACCOUNT_KEY',
  'STAFF_SESSION_SECRET',
  'STAFF_OIDC_CLIENT_SECRET',
  'STAFF_OIDC_CLIENT_CERTIFICATE',
  'STAFF_OIDC_CLIENT_CERTIFICATE_KEY',
  'METRICS_TOKEN',
] as const;

export type ReadSecretFile = (path: string) => string;

const readText: ReadSecretFile = (path) => readFileSync(path, 'utf8');

/**
 * The environment with every `NAME_FILE` replaced by `NAME` holding the file's content (one trailing line break
 * removed, as editors and `echo` add one). Errors name the setting and the path, never the content.
 */
export function resolveSecretFiles(source: Record<string, string | undefined>, read: ReadSecretFile = readText): Record<string, string | undefined> {
  const resolved = { ...source };
  for (const name of SECRET_SETTINGS) {
    const path = source[`${name}_FILE`];
    delete resolved[`${name}_FILE`];
    if (!path) continue;
    if (source[name]) throw new Error(`${name} and ${name}_FILE are both set; keep one`);
    let content: string;
    try {
      content = read(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
      throw new Error(`${name}_FILE names a file that cannot be read (${code}): ${path}`);
    }
    resolved[name] = content.replace(/\r?\n$/, '');
  }
  return resolved;
}
