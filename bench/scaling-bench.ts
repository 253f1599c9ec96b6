/**
 * Scaling benchmark: the same 4 restarts on 1 CPU slot, then on 2: `npm run bench:scaling` (builds
 * first), or after a build `node bench/scaling-bench.ts [--spec resources/examples/x.json]`.
 * Node strips this file's types; the benchmark drives the lab core, whose `@shared` imports need
 * Vite's resolver, so it is loaded through Vite's module runner.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runnerImport } from 'vite';

const root = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: { spec: { type: 'string', default: 'resources/examples/breast-cancer-restarts.json' } },
});

const { module } = await runnerImport<{ default: (specFile: string) => Promise<void> }>(
  path.resolve(root, 'bench/scaling-restarts.ts'),
  {
    configFile: false,
    logLevel: 'error',
    resolve: { alias: { '@shared': path.resolve(root, 'src-shared') } },
  },
);
await module.default(path.resolve(root, values.spec));
