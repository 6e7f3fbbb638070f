import { runCli } from './run-cli.js';

// The process entry: bin/intake.js loads this through tsx; the logic and its tests live in run-cli.ts.
process.exitCode = await runCli(process.argv.slice(2), { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) });
