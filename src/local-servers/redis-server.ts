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

/** A real redis-server on loopback, its data (append-only file on) kept in `dir`; `extraArgs` are more settings. */
export async function startLocalRedis(dir: string, port?: number, extraArgs: string[] = []): Promise<LocalRedis> {
  const program = requireProgram('redis-server', 'redis-server');
  mkdirSync(dir, { recursive: true });
  const chosenPort = port ?? (await freePort());
  let server: ServerProcess;
  const launch = async () => {
    server = startProcess(program, [
      '--port',
      String(chosenPort),
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
    url: `redis://127.0.0.1:${chosenPort}`,
    port: chosenPort,
    dir,
    stop: () => stopProcess(server),
    async restart() {
      await stopProcess(server);
      await launch();
    },
  };
}
