/**
 * Basin's wasm kernels against the stock TF.js 4.22 wasm kernels (or, where wasm has none, the
 * op-by-op path), on the shapes of the trainer benchmark's MLP and CNN, in one process, alternating
 * so both see the same load: `node bench/wasm-kernels.ts [--reps 50]`. Prints one row per kernel:
 * milliseconds per call, stock and Basin, and the speed-up. Loaded through Vite's module runner
 * for the `@shared` alias, like trainer-bench.ts.
 */
import path from 'node:path';
import { runnerImport } from 'vite';

const root = path.resolve(import.meta.dirname, '..');
const { module } = await runnerImport<{ default: (args: string[]) => Promise<void> }>(
  path.resolve(root, 'bench/wasm-kernels-compare.ts'),
  {
    configFile: false,
    logLevel: 'error',
    resolve: { alias: { '@shared': path.resolve(root, 'src-shared') } },
  },
);
await module.default(process.argv.slice(2));
