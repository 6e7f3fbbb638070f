import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { requireProgram } from '../../src/local-servers/process.js';
import { startLocalRedis } from '../../src/local-servers/redis-server.js';

/**
 * What the service's ACL user may run: reads and writes, scripts, transactions and blocking pops (BullMQ), and
 * only the administrative commands BullMQ and ioredis use: INFO (ready check, version), CLIENT SETNAME and
 * CLIENT LIST (Bull Board's workers). No CONFIG, KEYS or FLUSHALL, as on a managed Redis.
 */
export const SERVICE_ACL = [
  '-@all',
  '+@read',
  '+@write',
  '+@keyspace',
  '+@scripting',
  '+@transaction',
  '+@blocking',
  '+@connection',
  '+@pubsub',
  '-@dangerous',
  '+info',
  '+client|setname',
  '+client|getname',
  '+client|list',
  '+client|id',
];

/** A CA made with openssl, and a server certificate it signed for 127.0.0.1 and localhost. */
export function makeCertificates(dir: string): { ca: string; cert: string; key: string } {
  const openssl = requireProgram('openssl', 'openssl');
  const file = (name: string) => join(dir, name);
  const run = (...args: string[]) => execFileSync(openssl, args, { cwd: dir, stdio: 'pipe' });
  run('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=Intake test CA', '-keyout', file('ca.key'), '-out', file('ca.pem'));
  run('req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=localhost', '-keyout', file('server.key'), '-out', file('server.csr'));
  execFileSync('sh', ['-c', 'printf "subjectAltName=IP:127.0.0.1,DNS:localhost\\n" > san.ext'], { cwd: dir });
  run(
    'x509',
    '-req',
    '-in',
    file('server.csr'),
    '-CA',
    file('ca.pem'),
    '-CAkey',
    file('ca.key'),
    '-CAcreateserial',
    '-days',
    '2',
    '-extfile',
    file('san.ext'),
    '-out',
    file('server.pem'),
  );
  return { ca: file('ca.pem'), cert: file('server.pem'), key: file('server.key') };
}

/**
 * A redis-server that speaks only TLS, whose default user needs an admin password and whose service user
 * `intake` has only SERVICE_ACL, on keys under `keyPattern`.
 */
export async function startTlsRedis(dir: string, servicePassword: string, keyPattern: string) {
  const certificates = makeCertificates(dir);
  const server = await startLocalRedis(dir, undefined, [], certificates);
  const { port } = server;
  const admin = new Redis({ host: '127.0.0.1', port, tls: { ca: readFileSync(certificates.ca) } });
  await admin.call('ACL', 'SETUSER', 'intake', 'reset', 'on', `>${servicePassword}`, `~${keyPattern}`, '&*', ...SERVICE_ACL);
  await admin.call('ACL', 'SETUSER', 'default', 'on', '>admin-only-secret');
  admin.disconnect();
  return { port, caFile: certificates.ca, stop: server.stop };
}
