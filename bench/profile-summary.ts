import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// tsx bench/profile-summary.ts DIR: where the CPU time went in the .cpuprofile files that a run with
// BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=DIR" left, by self time, per process and thread.

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** A package for code under node_modules, the folder for the service's own, Node's internals as one. */
function moduleOf(url: string, name: string): string {
  if (!url) return name.startsWith('(') ? name : '(native)';
  if (url.startsWith('node:')) return 'node internals';
  const packaged = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (packaged) return packaged[1]!;
  const own = /\/dist\/(.+)\/[^/]+$/.exec(url);
  return own ? own[1]! : url;
}

/** The role a profile belongs to, from the service code it ran. */
function roleOf(selfMs: Map<string, number>): string {
  const weight = (part: string) => [...selfMs].filter(([module]) => module.includes(part)).reduce((sum, [, ms]) => sum + ms, 0);
  if (weight('src/form') > 0 && weight('workers') === 0 && weight('services') === 0) return 'form-check thread';
  const roles = { watcher: weight('services/mailbox-watcher'), worker: weight('workers'), web: weight('services/web') };
  return Object.entries(roles).sort((a, b) => b[1] - a[1])[0]![0];
}

const top = (map: Map<string, number>, total: number, count = 10) =>
  [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, ms]) => `${name} ${Math.round(ms)} ms (${((ms / total) * 100).toFixed(1)} %)`);

function summarise(file: string) {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const byFunction = new Map<string, number>();
  const byModule = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, index) => {
    const ms = (profile.timeDeltas[index] ?? 0) / 1000;
    const frame = nodes.get(id)?.callFrame;
    if (!frame || frame.functionName === '(idle)') return;
    total += ms;
    const module = moduleOf(frame.url, frame.functionName);
    const where = frame.url ? `${module}:${frame.lineNumber + 1}` : module;
    byFunction.set(`${frame.functionName || '(anonymous)'} ${where}`, (byFunction.get(`${frame.functionName || '(anonymous)'} ${where}`) ?? 0) + ms);
    byModule.set(module, (byModule.get(module) ?? 0) + ms);
  });
  return { role: roleOf(byModule), total, byFunction, byModule };
}

const dir = process.argv[2];
if (!dir) throw new Error('usage: tsx bench/profile-summary.ts DIR');
for (const name of readdirSync(dir)
  .filter((entry) => entry.endsWith('.cpuprofile'))
  .sort()) {
  const { role, total, byFunction, byModule } = summarise(join(dir, name));
  if (total < 50) continue;
  process.stdout.write(
    `\n## ${role} (${name}): ${Math.round(total)} ms busy\nmodules: ${top(byModule, total).join('; ')}\nfunctions: ${top(byFunction, total, 12).join('; ')}\n`,
  );
}
