import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort } from './free-port.js';
import { requireProgram, startProcess, stopProcess, waitForPort, type ServerProcess } from './process.js';
import { startLocalRedis, type LocalRedis } from './redis-server.js';

export interface LocalSentinelRedis {
  /** host:port of the three Sentinels, for REDIS_SENTINELS. */
  sentinels: string;
  /** The name the Sentinels monitor the primary by, for REDIS_SENTINEL_NAME. */
  name: string;
  password: string;
  sentinelPassword: string;
  primaryPort(): Promise<number>;
  /**
   * Stops the primary (SIGTERM: Redis waits for its replica to catch up before exiting), waits until the
   * Sentinels have promoted the replica, then starts the old primary again, which they make the new replica.
   */
  failOver(): Promise<{ from: number; to: number }>;
  stop(): Promise<void>;
}

const NAME = 'intake';

/** A primary, its replica and three Sentinels on loopback; the data servers and the Sentinels each need a password. */
export async function startLocalSentinelRedis(dir: string, password = 'data-secret', sentinelPassword = 'sentinel-secret'): Promise<LocalSentinelRedis> {
  const program = requireProgram('redis-sentinel', 'redis-sentinel');
  const auth = ['--requirepass', password, '--masterauth', password];
  const servers: LocalRedis[] = [];
  const sentinels: ServerProcess[] = [];
  const sentinelPorts: number[] = [];
  const stop = async () => {
    await Promise.all(sentinels.map((sentinel) => stopProcess(sentinel)));
    await Promise.all(servers.map((server) => server.stop()));
  };
  const ask = async <T>(question: (client: Redis) => Promise<T>, sentinel = 0): Promise<T> => {
    const client = new Redis({ host: '127.0.0.1', port: sentinelPorts[sentinel], password: sentinelPassword, lazyConnect: true, maxRetriesPerRequest: 1 });
    client.on('error', () => undefined);
    try {
      return await question(client);
    } finally {
      client.disconnect();
    }
  };
  const primaryPortSeenBy = async (sentinel: number) =>
    Number(((await ask((client) => client.call('SENTINEL', 'GET-MASTER-ADDR-BY-NAME', NAME), sentinel)) as string[])[1]);
  const primaryPort = () => primaryPortSeenBy(0);
  const until = async (what: string, probe: () => Promise<boolean>, timeoutMs = 30_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!(await probe().catch(() => false))) {
      if (Date.now() > deadline) throw new Error(`Sentinel set-up: timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  // Ready: each Sentinel knows the other two, and the primary's one replica is up and in sync with it.
  const settled = () =>
    until('the Sentinels to see each other and a replica in sync', async () =>
      ask(async (client) => {
        const record = (fields: string[]) => Object.fromEntries(fields.flatMap((value, n) => (n % 2 === 0 ? [[value, fields[n + 1]]] : [])));
        const primary = record((await client.call('SENTINEL', 'MASTER', NAME)) as string[]);
        const replicas = ((await client.call('SENTINEL', 'REPLICAS', NAME)) as string[][]).map(record);
        const synced = replicas.filter((replica) => replica.flags === 'slave' && replica['master-link-status'] === 'ok');
        return primary['num-other-sentinels'] === '2' && primary.flags === 'master' && synced.length === 1;
      }),
    );
  try {
    const primary = await startLocalRedis(join(dir, 'primary'), undefined, auth);
    servers.push(primary);
    servers.push(await startLocalRedis(join(dir, 'replica'), undefined, [...auth, '--replicaof', '127.0.0.1', String(primary.port)]));
    for (let n = 1; n <= 3; n += 1) {
      const port = await freePort();
      const sentinelDir = join(dir, `sentinel-${n}`);
      mkdirSync(sentinelDir, { recursive: true });
      const file = join(sentinelDir, 'sentinel.conf');
      writeFileSync(
        file,
        [
          `port ${port}`,
          'bind 127.0.0.1',
          'daemonize no',
          `dir ${sentinelDir}`,
          `requirepass ${sentinelPassword}`,
          `sentinel sentinel-pass ${sentinelPassword}`,
          `sentinel monitor ${NAME} 127.0.0.1 ${primary.port} 2`,
          `sentinel auth-pass ${NAME} ${password}`,
          // 5 s, not less: on a busy machine a primary that is alive but slow to answer for a second would be failed
          // over behind its clients' backs, and what they write to it meanwhile is lost when it becomes a replica.
          `sentinel down-after-milliseconds ${NAME} 5000`,
          `sentinel failover-timeout ${NAME} 20000`,
          '',
        ].join('\n'),
      );
      const sentinel = startProcess(program, [file]);
      sentinels.push(sentinel);
      await waitForPort(port, sentinel, 'redis-sentinel');
      sentinelPorts.push(port);
    }
    await settled();
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    sentinels: sentinelPorts.map((port) => `127.0.0.1:${port}`).join(','),
    name: NAME,
    password,
    sentinelPassword,
    primaryPort,
    async failOver() {
      const from = await primaryPort();
      const old = servers.findIndex((server) => server.port === from);
      if (old < 0) throw new Error(`no local server on the primary's port ${from}`);
      const { dir: oldDir } = servers[old]!;
      await servers[old]!.stop();
      await until('a replica to be promoted', async () => (await primaryPort()) !== from);
      const to = await primaryPort();
      await until('every Sentinel to name the new primary', async () => (await Promise.all([0, 1, 2].map(primaryPortSeenBy))).every((port) => port === to));
      // Back as a replica of the new primary at once: were it to start as a primary, a client could write to it
      // before the Sentinels demote it, and those writes would be lost.
      servers[old] = await startLocalRedis(oldDir, from, [...auth, '--replicaof', '127.0.0.1', String(to)]);
      await settled();
      return { from, to };
    },
    stop,
  };
}
