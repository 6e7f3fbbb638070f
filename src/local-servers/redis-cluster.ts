import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from './free-port.js';
import { requireProgram, startProcess, stopProcess, waitForPort, type ServerProcess } from './process.js';

export interface LocalRedisCluster {
  /** host:port of every master, for REDIS_CLUSTER_NODES. */
  nodes: string;
  stop(): Promise<void>;
}

const clusterOk = (cli: string, port: number) =>
  /cluster_state:ok/.test(spawnSync(cli, ['-p', String(port), 'cluster', 'info'], { encoding: 'utf8' }).stdout ?? '');

/** A Redis Cluster of `masters` redis-server processes on loopback (no replicas), its slots spread by redis-cli. */
export async function startLocalRedisCluster(dir: string, masters = 3): Promise<LocalRedisCluster> {
  const program = requireProgram('redis-server', 'redis-server');
  const cli = requireProgram('redis-cli', 'redis-tools');
  const servers: ServerProcess[] = [];
  const ports: number[] = [];
  const stop = () => Promise.all(servers.map((server) => stopProcess(server))).then(() => undefined);
  try {
    for (let n = 0; n < masters; n += 1) {
      const [port, busPort] = [await freePort(), await freePort()];
      const nodeDir = join(dir, `node-${n + 1}`);
      mkdirSync(nodeDir, { recursive: true });
      const server = startProcess(program, [
        '--port',
        String(port),
        '--cluster-port',
        String(busPort),
        '--bind',
        '127.0.0.1',
        '--dir',
        nodeDir,
        '--save',
        '',
        '--appendonly',
        'no',
        '--cluster-enabled',
        'yes',
        '--cluster-config-file',
        'nodes.conf',
        '--cluster-node-timeout',
        '5000',
        '--daemonize',
        'no',
      ]);
      servers.push(server);
      await waitForPort(port, server, 'redis-server (cluster node)');
      ports.push(port);
    }
    const create = spawnSync(cli, ['--cluster', 'create', ...ports.map((port) => `127.0.0.1:${port}`), '--cluster-yes'], { encoding: 'utf8', timeout: 30_000 });
    if (create.status !== 0) throw new Error(`redis-cli --cluster create failed: ${create.stdout}${create.stderr}`);
    const deadline = Date.now() + 20_000;
    while (!ports.every((port) => clusterOk(cli, port))) {
      if (Date.now() > deadline) throw new Error('the Redis Cluster did not reach cluster_state:ok within 20 s');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { nodes: ports.map((port) => `127.0.0.1:${port}`).join(','), stop };
}
