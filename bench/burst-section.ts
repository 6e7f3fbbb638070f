import { resolve } from 'node:path';
import type { BenchStack } from './bench-stack.js';
import { buildService } from './service-process.js';
import { emptyRedis } from './redis-reset.js';
import { burstEmails, measureBurst, type BurstResult } from './throughput.js';

const say = (line = '') => process.stdout.write(`${line}\n`);
const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
export const BURST_TARGETS = { drainSeconds: 60, peakRssMb: 400 };

/** A second checkout to run the same burst against: BENCH_BASELINE=PATH or --baseline PATH. */
export function baselineCheckout(argv = process.argv, env = process.env): string | null {
  const flag = argv.indexOf('--baseline');
  const path = flag >= 0 ? argv[flag + 1] : env.BENCH_BASELINE;
  return path ? resolve(path) : null;
}

const sumWorkers = (cpu: Record<string, number>) =>
  Object.entries(cpu)
    .filter(([name]) => name.startsWith('worker'))
    .reduce((total, [, ms]) => total + ms, 0);
const round = (value: number) => Math.round(value * 10) / 10;

/** One measured run, numbered: with several rounds the versions take turns, so a slower spell of the machine falls on both. */
type BurstRun = BurstResult & { round: number };

/** Each round's baseline figures over this checkout's: how many times faster the drain, what share of the CPU. */
export interface BurstComparison {
  workers: number;
  /** 'all': every round's drain times and CPU added up, which evens out the machine's drift between rounds. */
  round: number | 'all';
  drainTimesFaster: number;
  lastActivationTimesFaster: number | null;
  cpuPerFormShare: number;
}

const totalCpu = (run: BurstResult) => Object.values(run.cost.cpuMsPerForm).reduce((sum, ms) => sum + ms, 0);

export function compareRounds(runs: BurstRun[]): BurstComparison[] {
  const pairs = runs.flatMap((run) => {
    if (run.version !== 'this checkout') return [];
    const other = runs.find((candidate) => candidate !== run && candidate.workers === run.workers && candidate.round === run.round);
    return other ? [{ run, other }] : [];
  });
  const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
  const compare = (workers: number, round: BurstComparison['round'], compared: typeof pairs): BurstComparison => {
    const sum = (pick: (run: BurstRun) => number, side: 'run' | 'other') => compared.reduce((total, pair) => total + pick(pair[side]), 0);
    const activation = (run: BurstRun) => run.lastActivationSeconds ?? Number.NaN;
    const activationRatio = ratio(sum(activation, 'other'), sum(activation, 'run'));
    return {
      workers,
      round,
      drainTimesFaster: ratio(
        sum((run) => run.drainSeconds, 'other'),
        sum((run) => run.drainSeconds, 'run'),
      ),
      lastActivationTimesFaster: Number.isNaN(activationRatio) ? null : activationRatio,
      cpuPerFormShare: ratio(sum(totalCpu, 'run'), sum(totalCpu, 'other')),
    };
  };
  const rounds = pairs.map((pair) => compare(pair.run.workers, pair.run.round, [pair]));
  const all = [...new Set(pairs.map((pair) => pair.run.workers))].flatMap((workers) => {
    const ofWorkers = pairs.filter((pair) => pair.run.workers === workers);
    return ofWorkers.length < 2 ? [] : [compare(workers, 'all', ofWorkers)];
  });
  return [...rounds, ...all];
}

export async function burstSection(stack: BenchStack, results: Record<string, unknown>, settings: { burst: number; workerCounts: number[]; rounds: number }) {
  const baseline = baselineCheckout();
  const versions = [{ version: 'this checkout', checkout: undefined as string | undefined }];
  if (baseline) versions.push({ version: `baseline ${baseline}`, checkout: baseline });
  say('Compiling the service (burst processes run dist/ as production does)…');
  for (const { checkout } of versions) buildService(checkout);
  say(`Building ${settings.burst} forms of distinct firms, 10 to 200 users each…`);
  const { raws, users } = await burstEmails(settings.burst);
  const runs: BurstRun[] = [];
  for (const workers of settings.workerCounts) {
    for (let round = 1; round <= settings.rounds; round += 1) {
      for (const { version, checkout } of versions) {
        say(
          `Round ${round}: draining the burst with ${workers} worker process(es), ${version} (SETUP_RATE_MAX lifted to 100000), then waiting for every activation email…`,
        );
        await emptyRedis(stack);
        runs.push({ ...(await measureBurst(stack, raws, users, { workers, checkout, version })), round });
      }
    }
  }
  const comparisons = compareRounds(runs);
  results.burst = {
    emails: settings.burst,
    usersOnForms: users,
    setupRateMax: 100000,
    baseline,
    rounds: settings.rounds,
    runs,
    comparisons,
    targets: BURST_TARGETS,
  };
  printBurst(runs);
  printComparisons(comparisons);
}

function printComparisons(comparisons: BurstComparison[]) {
  if (comparisons.length === 0) return;
  say();
  say("Against the baseline, round by round (this checkout is n times faster; its CPU per form as a share of the baseline's):");
  say('| workers | round | drain | last activation email | CPU per form |');
  say('|---------|-------|-------|-----------------------|--------------|');
  for (const c of comparisons) say(`| ${c.workers} | ${c.round} | ${c.drainTimesFaster} | ${c.lastActivationTimesFaster ?? '—'} | ${c.cpuPerFormShare} |`);
}

function printBurst(runs: BurstRun[]) {
  say();
  say('| version | workers | round | drained (s) | last activation email (s) | forms/s | outcomes | peak RSS (MB) |');
  say('|---------|---------|-------|-------------|---------------------------|---------|----------|---------------|');
  for (const run of runs) {
    const rss = Object.entries(run.peakRssMb)
      .map(([name, mb]) => `${name} ${mb}`)
      .join(', ');
    say(
      `| ${run.version} | ${run.workers} | ${run.round} | ${run.drainSeconds} | ${run.lastActivationSeconds ?? `not all (${run.activationEmailsSent} of ${run.usersOnForms})`} | ${run.formsPerSecond} | ${JSON.stringify(run.outcomes)} | ${rss} |`,
    );
  }
  say();
  say("Cost per form, from the services' start to the last activation email (CPU in ms; commands as counted by Redis and Dovecot):");
  say('| version | workers | round | watcher | worker(s) | web | redis | dovecot | total CPU | Redis commands | IMAP commands |');
  say('|---------|---------|-------|---------|-----------|-----|-------|---------|-----------|----------------|---------------|');
  for (const run of runs) {
    const cpu = run.cost.cpuMsPerForm;
    const total = totalCpu(run);
    say(
      `| ${run.version} | ${run.workers} | ${run.round} | ${cpu.watcher} | ${round(sumWorkers(cpu))} | ${cpu.web} | ${cpu.redis} | ${cpu.dovecot} | ${round(total)} | ${run.cost.redisCommandsPerForm} | ${run.cost.imapCommandsPerForm} |`,
    );
  }
  say();
  for (const run of runs) {
    const peak = Math.max(...Object.values(run.peakRssMb));
    say(
      `${run.version}, ${run.workers} worker(s), round ${run.round}: drained in ${run.drainSeconds} s: ${verdict(run.drainSeconds <= BURST_TARGETS.drainSeconds)} (≤ 60 s); largest process ${peak} MB: ${verdict(peak < BURST_TARGETS.peakRssMb)} (< 400 MB)`,
    );
    say(
      `  last email picked up at ${run.lastPickupSeconds} s, last outcome recorded at ${run.lastDecisionSeconds} s, last filed at ${run.drainSeconds} s, last activation email at ${run.lastActivationSeconds ?? '—'} s`,
    );
    say(
      `  Redis commands per form, most frequent: ${Object.entries(run.cost.topRedisCommandsPerForm)
        .map(([name, n]) => `${name} ${n}`)
        .join(', ')}`,
    );
    say(
      `  IMAP commands per form: ${Object.entries(run.cost.imapCommandsByNamePerForm)
        .map(([name, n]) => `${name} ${n}`)
        .join(', ')}`,
    );
  }
  say('"Drained" = every email acknowledged, its firm set up and the email filed; the job is done when the last user has their activation email.');
}
