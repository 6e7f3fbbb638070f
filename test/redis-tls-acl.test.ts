import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { endToEndOn } from './helpers/redis-topology.js';
import { startTlsRedis } from './helpers/redis-tls.js';

// As managed Redis is run: TLS only, with a CA of its own, and an ACL user limited to what the service needs
// (CONFIG is refused, so the eviction check warns instead of failing). The password comes from a file.
endToEndOn('the service on Redis over TLS as an ACL user', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'intake-tls-'));
  const redis = await startTlsRedis(dir, 'service-secret', '{t-*');
  writeFileSync(join(dir, 'redis-password'), 'service-secret\n');
  return {
    env: { REDIS_URL: `rediss://intake@127.0.0.1:${redis.port}`, REDIS_PASSWORD_FILE: join(dir, 'redis-password'), REDIS_TLS_CA_FILE: redis.caFile },
    async stop() {
      await redis.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
