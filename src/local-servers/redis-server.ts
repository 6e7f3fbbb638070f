import { mkdirSync } from 'node:fs';
import { freePort } from './free-port.js';
import { requireProgram, startProcess, stopProcess, waitForPort, type ServerProcess } from './process.js';

export interface LocalRedis {
  url: string;
  port: number;
  dir: string;
  stop(): Promise<void>;
  /** Restarts on the same port and data directory (the append-only file keeps the data). */
  restart(): Promise<void>;
}

/** Certificate files (PEM) for a redis-server that speaks only TLS; clients need no certificate of their own. */
export interface RedisTlsFiles {
  cert: string;
  key: string;
  ca: string;
}

/**
 * A real redis-server on loopback, its data (append-only file on) kept in `dir`; `extraArgs` are more settings.
 * With `tls`, the port speaks only TLS and the url is rediss://.
 */
export async function startLocalRedis(dir: string, port?: number, extraArgs: string[] = [], tls?: RedisTlsFiles): Promise<LocalRedis> {
  const program = requireProgram('redis-server', 'redis-server');
  mkdirSync(dir, { recursive: true });
  const chosenPort = port ?? (await freePort());
  const listen = tls
    ? [
        '--port',
        '0',
        '--tls-port',
        String(chosenPort),
        '--tls-cert-file',
        tls.cert,
        '--tls-key-file',
        tls.key,
        '--tls-ca-cert-file',
        tls.ca,
        '--tls-auth-clients',
        'no',
      ]
    : ['--port', String(chosenPort)];
  let server: ServerProcess;
  const launch = async () => {
    server = startProcess(program, [
      ...listen,
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--save',
      '',
      '--appendonly',
      'yes',
      '--appendfsync',
      'everysec',
      '--protected-mode',
      'yes',
      '--daemonize',
      'no',
      ...extraArgs,
    ]);
    await waitForPort(chosenPort, server, 'redis-server');
  };
  await launch();
  return {
    url: `${tls ? 'rediss' : 'redis'}://127.0.0.1:${chosenPort}`,
    port: chosenPort,
    dir,
    stop: () => stopProcess(server),
    async restart() {
      await stopProcess(server);
      await launch();
    },
  };
}
