import { buildService } from '../bench/service-process.js';
import { runChaos } from './chaos/run-chaos.js';

// npm run chaos: 300 emails appended while watchers and workers are SIGKILLed and Redis and Dovecot restart.
// Prints lost=N duplicated=N and exits non-zero unless both are 0. CHAOS_EMAILS and CHAOS_SEED adjust a run.
// --redis-failover runs Redis as a primary and replica behind three Sentinels and fails the primary over instead.
const say = (line: string) => process.stdout.write(`${line}\n`);
const seed = Number(process.env.CHAOS_SEED ?? Date.now() % 1_000_000);
const redisFailover = process.argv.includes('--redis-failover');
say(`chaos seed ${seed}${redisFailover ? ', Redis behind Sentinel, failed over mid-burst' : ''}`);
buildService();
const result = await runChaos({
  emails: Number(process.env.CHAOS_EMAILS ?? 300),
  appendEveryMs: Number(process.env.CHAOS_APPEND_EVERY_MS ?? 50),
  faultEveryMs: 2_500,
  settleTimeoutMs: 240_000,
  seed,
  say,
  redisFailover,
});
for (const line of [...result.lost, ...result.duplicated, ...result.registry]) say(`  ${line}`);
say(`faults: ${result.faults.length} (${result.faults.join('; ')})`);
say(
  `peak RSS (MB): ${Object.entries(result.peakRssMb)
    .map(([name, mb]) => `${name} ${mb}`)
    .join(', ')}`,
);
say(`reply not confirmed (SIGKILL mid-send, filed in Review, never re-sent): ${result.uncertain.length}`);
say(`registry problems=${result.registry.length}`);
say(`finished in ${result.seconds} s`);
say(`lost=${result.lost.length} duplicated=${result.duplicated.length}`);
process.exit(result.lost.length === 0 && result.duplicated.length === 0 && result.registry.length === 0 ? 0 : 1);
