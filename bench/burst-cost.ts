import type { Redis } from 'ioredis';
import type { BenchStack } from './bench-stack.js';
import { countsGrowth, dovecotPid, imapCommandCounts, processTreeCpuMs, redisCommandCalls, redisPid, sumOf } from './server-costs.js';
import type { ServiceProcess } from './service-process.js';

/** What one burst cost, divided by the forms in it. */
export interface BurstCost {
  /** CPU milliseconds per form, by process; start-up is included (it is part of what a burst costs). */
  cpuMsPerForm: Record<string, number>;
  /** Redis commands per form, in total and the ten most frequent (the bench's own polling taken out). */
  redisCommandsPerForm: number;
  topRedisCommandsPerForm: Record<string, number>;
  /** IMAP commands per form as Dovecot counted them, in total and by command. */
  imapCommandsPerForm: number;
  imapCommandsByNamePerForm: Record<string, number>;
}

interface Snapshot {
  cpuMs: Record<string, number>;
  redisCalls: Record<string, number>;
  imapCounts: Record<string, number>;
}

const perForm = (value: number, forms: number) => Math.round((value / forms) * 100) / 100;

/**
 * Counts what the servers and the service's processes do during a burst: CPU time from /proc, Redis commands from
 * INFO commandstats, IMAP commands from Dovecot's own statistics. The bench's Redis client counts its own
 * commands, which are taken out of the total.
 */
export class BurstCostMeter {
  readonly redis: Redis;
  private benchCommands = 0;
  private readonly pids: { redis: number; dovecot: number };
  private before: Snapshot | null = null;

  private constructor(
    private readonly stack: BenchStack,
    redis: Redis,
    redisServerPid: number,
  ) {
    this.redis = redis;
    this.pids = { redis: redisServerPid, dovecot: dovecotPid(stack.dovecot) };
    const send = redis.sendCommand.bind(redis);
    redis.sendCommand = (...args: Parameters<Redis['sendCommand']>) => {
      this.benchCommands += 1;
      return send(...args);
    };
  }

  static async open(stack: BenchStack): Promise<BurstCostMeter> {
    const redis = stack.redis.connect('bench-cost');
    return new BurstCostMeter(stack, redis, await redisPid(redis));
  }

  /** Call before the service's processes start. */
  async start(): Promise<void> {
    this.before = await this.snapshot([]);
    this.benchCommands = 0;
  }

  async costSoFar(processes: ServiceProcess[], forms: number): Promise<BurstCost> {
    if (!this.before) throw new Error('start() first');
    const ownCommands = this.benchCommands;
    const after = await this.snapshot(processes);
    const cpu = Object.fromEntries(Object.entries(after.cpuMs).map(([name, ms]) => [name, ms - (this.before?.cpuMs[name] ?? 0)]));
    const redis = countsGrowth(this.before.redisCalls, after.redisCalls);
    const imap = countsGrowth(this.before.imapCounts, after.imapCounts);
    const top = Object.entries(redis)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 10);
    return {
      cpuMsPerForm: Object.fromEntries(Object.entries(cpu).map(([name, ms]) => [name, perForm(ms, forms)])),
      redisCommandsPerForm: perForm(sumOf(redis) - ownCommands, forms),
      topRedisCommandsPerForm: Object.fromEntries(top.map(([name, calls]) => [name, perForm(calls, forms)])),
      imapCommandsPerForm: perForm(sumOf(imap), forms),
      imapCommandsByNamePerForm: Object.fromEntries(Object.entries(imap).map(([name, count]) => [name, perForm(count, forms)])),
    };
  }

  close(): void {
    this.redis.disconnect();
  }

  private async snapshot(processes: ServiceProcess[]): Promise<Snapshot> {
    const cpuMs: Record<string, number> = Object.fromEntries(processes.map((child) => [child.name, child.cpuMs()]));
    cpuMs.redis = processTreeCpuMs(this.pids.redis);
    cpuMs.dovecot = processTreeCpuMs(this.pids.dovecot);
    return { cpuMs, redisCalls: await redisCommandCalls(this.redis), imapCounts: imapCommandCounts(this.stack.dovecot) };
  }
}
