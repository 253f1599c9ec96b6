/**
 * Trainer benchmark against a bare TF.js loop and PyTorch: `npm run bench:trainer` (builds first),
 * or after a build `node bench/trainer-bench.ts [--epochs 20] [--samples 60000] [--test-samples 10000]`.
 * The full run takes about 20 minutes on two cores; `--epochs 3 --samples 6000` takes about one.
 * Node strips this file's types; the comparison imports the trainer's modules, whose `@shared`
 * imports need Vite's resolver, so it is loaded through Vite's module runner.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runnerImport } from 'vite';

const { values } = parseArgs({
  options: {
    epochs: { type: 'string', default: '20' },
    samples: { type: 'string', default: '60000' },
    'test-samples': { type: 'string' },
  },
});
const samples = Number(values.samples);
const options = {
  epochs: Number(values.epochs),
  samples,
  testSamples: Number(
    values['test-samples'] ?? (samples >= 60000 ? 10000 : Math.max(1000, Math.round(samples / 6))),
  ),
};

const root = path.resolve(import.meta.dirname, '..');
const { module } = await runnerImport<{ default: (o: typeof options) => Promise<void> }>(
  path.resolve(root, 'bench/trainer-compare.ts'),
  {
    configFile: false,
    logLevel: 'error',
    resolve: { alias: { '@shared': path.resolve(root, 'src-shared') } },
  },
);
await module.default(options);
