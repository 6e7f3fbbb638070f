import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';

/** Fails with one clear line when a server program the local set-up needs is not installed. */
export function requireProgram(program: string, debianPackage: string): string {
  for (const dir of (process.env.PATH ?? '').split(':').concat(['/usr/sbin', '/usr/bin', '/sbin'])) {
    const found = spawnSync('test', ['-x', `${dir}/${program}`]);
    if (found.status === 0) return `${dir}/${program}`;
  }
  throw new Error(`${program} is not installed: run "apt-get install -y ${debianPackage}"`);
}

/** A child server process and the tail of what it printed, for error messages. */
export interface ServerProcess {
  child: ChildProcess;
  output(): string;
}

export function startProcess(command: string, args: string[]): ServerProcess {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const chunks: Buffer[] = [];
  const keep = (chunk: Buffer) => {
    chunks.push(chunk);
    if (chunks.length > 50) chunks.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return { child, output: () => Buffer.concat(chunks).toString('utf8').slice(-2_000) };
}

/** Waits until a TCP port on loopback accepts connections, or the process dies, or time runs out. */
export async function waitForPort(port: number, server: ServerProcess, name: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) throw new Error(`${name} exited with code ${server.child.exitCode}: ${server.output()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`${name} did not start listening on port ${port} within ${timeoutMs} ms: ${server.output()}`);
}

export async function stopProcess(server: ServerProcess, signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 5_000): Promise<void> {
  const { child } = server;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  await exited;
  clearTimeout(timer);
}
