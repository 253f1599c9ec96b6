/**
 * Landscape cost: 21 points along the line between two restarts of the Fashion-MNIST MLP (with
 * batch norm; 54k training and 6k validation rows), batch-norm statistics recomputed at every
 * point, in the landscape evaluator child on wasm. `npm run bench:landscape` (builds first), or after
 * a build `node bench/landscape-bench.ts [--points 21]`. The lab core's `@shared` imports need
 * Vite's resolver, so the benchmark is loaded through Vite's module runner.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runnerImport } from 'vite';

const root = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({ options: { points: { type: 'string', default: '21' } } });

const { module } = await runnerImport<{ default: (points: number) => Promise<void> }>(
  path.resolve(root, 'bench/landscape-run.ts'),
  {
    configFile: false,
    logLevel: 'error',
    resolve: { alias: { '@shared': path.resolve(root, 'src-shared') } },
  },
);
await module.default(Number(values.points));
