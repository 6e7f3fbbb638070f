import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpus, totalmem } from 'node:os';
import { PROJECT_ROOT } from '../src/paths.js';
import { startBenchStack } from './bench-stack.js';
import { measureIdleFloor, measureServiceLatency } from './mail-latency.js';
import { summarise } from './stats.js';

// npm run bench: every figure is measured on real Redis, Dovecot and an SMTP listener on loopback, and
// printed as a table and written to bench/results.json. Nothing here asserts a target.
const say = (line = '') => process.stdout.write(`${line}\n`);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 120);

async function main() {
  const results: Record<string, unknown> = {
    measuredAt: new Date().toISOString(),
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
  };
  const stack = await startBenchStack();
  try {
    say(`Measuring the IDLE floor (Dovecot's own notification delay), ${SAMPLES} emails…`);
    const floor = summarise(await measureIdleFloor(stack, SAMPLES));
    say(`Measuring pickup and end-to-end latency through the service, ${SAMPLES} emails…`);
    const latency = await measureServiceLatency(stack, SAMPLES);
    const pickup = summarise(latency.pickup);
    const endToEnd = summarise(latency.endToEnd);
    const notified = summarise(latency.notified);
    const ownShare = summarise(latency.ownShare);
    results.latency = {
      idleFloorMs: floor,
      pickupMs: pickup,
      pickupNotifiedMs: notified,
      pickupAfterNotificationMs: ownShare,
      pickupAboveFloorMs: { median: Math.round((pickup.median - floor.median) * 10) / 10, p99: Math.round((pickup.p99 - floor.p99) * 10) / 10 },
      endToEndMs: endToEnd,
      targets: { pickupMedianMs: 100, endToEndMedianMs: 1000 },
    };
    say();
    say('| measure (ms)                               | n   | median | p99    | min    | max    |');
    say('|--------------------------------------------|-----|--------|--------|--------|--------|');
    const row = (name: string, s: ReturnType<typeof summarise>) =>
      say(`| ${name.padEnd(42)} | ${String(s.count).padEnd(3)} | ${String(s.median).padStart(6)} | ${String(s.p99).padStart(6)} | ${String(s.min).padStart(6)} | ${String(s.max).padStart(6)} |`);
    row('IDLE floor: APPEND → server notifies IDLE', floor);
    row('pickup: APPEND → job queued', pickup);
    row('  of which APPEND → watcher notified', notified);
    row('  of which notified → job queued (ours)', ownShare);
    row('end to end: APPEND → reply at SMTP', endToEnd);
    say();
    say(`Pickup median is ${results.latency && (results.latency as { pickupAboveFloorMs: { median: number } }).pickupAboveFloorMs.median} ms above Dovecot's IDLE floor (target: pickup median ≤ 100 ms; the floor alone is ${floor.median} ms).`);
  } finally {
    await stack.stop();
  }
  mkdirSync(join(PROJECT_ROOT, 'bench'), { recursive: true });
  writeFileSync(join(PROJECT_ROOT, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  say('Written to bench/results.json');
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${String((error as Error).stack ?? error)}\n`);
    process.exit(1);
  },
);
