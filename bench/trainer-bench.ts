/**
 * Trainer benchmarks: `npm run bench:trainer -- [options]` (builds first), or after a build
 * `node bench/trainer-bench.ts [options]`.
 *
 *   --epochs E --samples S [--json] [--rounds R]
 *                                     training throughput of the MLP and the small CNN next to
 *                                     single-threaded PyTorch (trainer-throughput.ts); --json prints
 *                                     {"mlp": {basin, torch, ratio}, "cnn": {…}, "load": [before, after]};
 *                                     both sides of a model train at the same time, best of R rounds
 *   --accuracy [--test-samples T]     the MLP against a bare TF.js loop and PyTorch, with the test
 *                                     accuracy of single run, SWA and snapshot ensemble (trainer-compare.ts)
 *
 * Defaults: 20 epochs on all 60000 images (about 20 minutes for --accuracy on two cores);
 * `--epochs 3 --samples 6000` takes about a minute. Node strips this file's types; the benchmarks
 * import the trainer's modules, whose `@shared` imports need Vite's resolver, so they are loaded
 * through Vite's module runner.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runnerImport } from 'vite';
import type * as Throughput from './trainer-throughput';

const { values } = parseArgs({
  options: {
    epochs: { type: 'string', default: '20' },
    samples: { type: 'string', default: '60000' },
    'test-samples': { type: 'string' },
    json: { type: 'boolean', default: false },
    rounds: { type: 'string', default: '1' },
    accuracy: { type: 'boolean', default: false },
  },
});
const samples = Number(values.samples);
const epochs = Number(values.epochs);

const root = path.resolve(import.meta.dirname, '..');
const load = <T>(file: string) =>
  runnerImport<T>(path.resolve(root, file), {
    configFile: false,
    logLevel: 'error',
    resolve: { alias: { '@shared': path.resolve(root, 'src-shared') } },
  }).then((imported) => imported.module);

if (values.accuracy) {
  const testSamples = Number(
    values['test-samples'] ?? (samples >= 60000 ? 10000 : Math.max(1000, Math.round(samples / 6))),
  );
  const compare = await load<{ default: (o: object) => Promise<void> }>('bench/trainer-compare.ts');
  await compare.default({ epochs, samples, testSamples });
} else {
  const throughput = await load<typeof Throughput>('bench/trainer-throughput.ts');
  const options = { epochs, samples, json: values.json, rounds: Number(values.rounds) };
  throughput.printThroughput(await throughput.measureThroughput(options), options);
}
