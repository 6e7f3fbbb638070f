import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalRedisCluster } from '../src/local-servers/redis-cluster.js';
import { endToEndOn } from './helpers/redis-topology.js';

// Three masters, the service's keys under a hash-tag prefix: a script that named a key outside KEYS, or keys
// in two slots, would fail here with "non local key" or CROSSSLOT.
endToEndOn('the service on a three-master Redis Cluster', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'intake-cluster-'));
  const cluster = await startLocalRedisCluster(dir);
  return {
    env: { REDIS_URL: '', REDIS_CLUSTER_NODES: cluster.nodes },
    async stop() {
      await cluster.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
