/**
 * Slurm benchmark: 100 tiny runs through the Slurm pool (the one-node cluster of
 * scripts/slurm-local.sh, or whatever `sinfo` answers): `npm run bench:slurm` (builds first), or
 * after a build `node bench/slurm-bench.ts [--runs 100] [--max-jobs 8]`. Loaded through Vite's
 * module runner for the lab core's `@shared` imports, like bench/scaling-bench.ts.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runnerImport } from 'vite';

const root = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '100' },
    'max-jobs': { type: 'string', default: '8' },
  },
});

const { module } = await runnerImport<{
  default: (runs: number, maxJobs: number) => Promise<void>;
}>(path.resolve(root, 'bench/slurm-runs.ts'), {
  configFile: false,
  logLevel: 'error',
  resolve: { alias: { '@shared': path.resolve(root, 'src-shared') } },
});
await module.default(Number(values.runs), Number(values['max-jobs']));
