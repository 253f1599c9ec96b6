/**
 * The trainer benchmark (see trainer-bench.ts for how to run it): Fashion-MNIST, MLP 784-256-128-10
 * (BN after the first layer, ReLU, dropout 0.2, Adam 1e-3, batch 128), one process at a time:
 *   1. Basin's trainer on the best local backend: training samples/s (and end to end);
 *   2. the bare TF.js loop on that backend, with stock kernels and with the trainer's wasm matmul;
 *   3. PyTorch on one CPU thread;
 *   4. test accuracy of the single run, SWA and a 5-snapshot ensemble, Basin next to PyTorch.
 * Basin's SWA and ensemble are scored here from their checkpoint folders (layers model + the
 * sidecar's preprocessing), the way an exported model is used.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { readCheckpointSidecar } from '../src-main/checkpoints/sidecar';
import { loadLayersFolder } from '../src-main/checkpoints/layers-model.tfjs';
import { selectBackend } from '../src-main/trainer/backend/select-backend';
import { writeFashionMnistSubset } from '../src-main/trainer/testing/fashion-mnist-subset';
import {
  REPOSITORY_ROOT,
  runTrainer,
  type TrainerRun,
} from '../src-main/trainer/testing/trainer-harness';
import { FASHION_MNIST_DIR } from '../src-main/data/fashion-mnist';
import { readRawTest } from './trainer-fashion-mnist';

export interface BenchOptions {
  epochs: number;
  /** Training images used (the first ones); 60000 is all. */
  samples: number;
  testSamples: number;
}

const THROUGHPUT_EPOCHS = 3;

function spec(
  epochs: number,
  strategy: Record<string, unknown>,
  stepUnit: 'epoch' | 'batch',
): Record<string, unknown> {
  return {
    schemaVersion: 1,
    name: `fashion-mnist bench ${Object.keys(strategy).join('+') || 'single'}`,
    data: { source: { kind: 'builtin', dataset: 'fashion-mnist' } },
    split: { kind: 'holdout', train: 0.9, validation: 0.1, test: 0, seed: 0 },
    model: {
      layers: [
        { type: 'flatten' },
        { type: 'dense', units: 256 },
        { type: 'batchNorm', momentum: 0.9, epsilon: 1e-5 },
        { type: 'activation', activation: 'relu' },
        { type: 'dropout', rate: 0.2 },
        { type: 'dense', units: 128, activation: 'relu' },
        { type: 'dropout', rate: 0.2 },
        { type: 'dense', units: 10, activation: 'softmax' },
      ],
    },
    optimization: {
      optimizer: { kind: 'adam', learningRate: 1e-3 },
      schedule: { kind: 'constant', stepUnit },
    },
    training: { epochs, batchSize: 128, seed: 0 },
    strategy,
  };
}

function node(script: string, args: string[]): Record<string, number> {
  const out = execFileSync(process.execPath, [join(REPOSITORY_ROOT, script), ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as Record<string, number>;
}

function python(args: string[]): Record<string, number> {
  const out = execFileSync(
    '/usr/bin/python3',
    [join(REPOSITORY_ROOT, 'bench/trainer-torch.py'), ...args],
    { encoding: 'utf8' },
  );
  return JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as Record<string, number>;
}

/** Test accuracy of layers models averaged by probability, inputs scaled as their sidecar says. */
async function testAccuracy(
  folders: string[],
  preprocessingFrom: string,
  folder: string,
  testSamples: number,
): Promise<number> {
  const sidecar = await readCheckpointSidecar(preprocessingFrom);
  const input = sidecar.preprocessing.input;
  if (input.kind !== 'image') throw new Error('expected image preprocessing');
  const { pixels, labels } = readRawTest(folder, testSamples);
  const x = tf.tensor(
    Float32Array.from(pixels, (p) => (p - input.center) / input.scale),
    [labels.length, 28, 28, 1],
  );
  let sum: tf.Tensor = tf.zeros([labels.length, 10]);
  for (const member of folders) {
    const model = await loadLayersFolder(member);
    const next = tf.add(sum, model.predict(x, { batchSize: 1024 }) as tf.Tensor);
    sum.dispose();
    sum = next;
    model.dispose();
  }
  const predicted = tf.argMax(sum, 1).dataSync();
  let correct = 0;
  labels.forEach((label, i) => (correct += predicted[i] === label ? 1 : 0));
  tf.dispose([x, sum]);
  return correct / labels.length;
}

function checkpoint(run: TrainerRun, kind: string): string {
  const message = run.messages.findLast((m) => m.type === 'checkpoint' && m.kind === kind);
  if (message?.type !== 'checkpoint') throw new Error(`no ${kind} checkpoint`);
  return message.path;
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
const fmt = (value: number, digits = 0) => value.toFixed(digits).padStart(8);

export default async function compare(options: BenchOptions): Promise<void> {
  const { epochs, samples, testSamples } = options;
  const full = samples >= 60000 && testSamples >= 10000;
  const folder = full ? FASHION_MNIST_DIR : writeFashionMnistSubset(samples, testSamples);
  const trainCount = Math.round(0.9 * Math.min(samples, 60000));
  const log = (text: string) => process.stderr.write(`${text}\n`);
  const basin = (strategy: Record<string, unknown>, stepUnit: 'epoch' | 'batch' = 'epoch') =>
    runTrainer({ spec: spec(epochs, strategy, stepUnit), fashionMnistDir: full ? null : folder });

  log(`Basin trainer, single run (${epochs} epochs, ${trainCount} training images)…`);
  const single = await basin({});
  const ready = single.messages[0];
  if (ready?.type !== 'ready') throw new Error('the trainer did not report ready');
  const steady = single.epochs.slice(1).map((e) => e.samplesPerSecond);
  const basinRate = mean(steady.length > 0 ? steady : [single.epochs[0]?.samplesPerSecond ?? 0]);
  const endToEnd = (trainCount * single.done.epochsCompleted) / (single.done.wallTimeMs / 1000);

  const bareArgs = [
    '--backend',
    ready.backend,
    '--epochs',
    String(Math.min(THROUGHPUT_EPOCHS, epochs)),
    '--samples',
    String(trainCount),
    '--folder',
    folder,
  ];
  log('bare TF.js loop, stock kernels…');
  const bareStock = node('bench/trainer-bare-tfjs.ts', bareArgs);
  log('bare TF.js loop with the trainer’s wasm matmul…');
  const bareTuned =
    ready.backend === 'wasm'
      ? node('bench/trainer-bare-tfjs.ts', [...bareArgs, '--trainer-kernels'])
      : bareStock;

  const swaStart = Math.min(Math.round(0.75 * epochs), epochs - 1);
  log('Basin trainer, SWA…');
  const swa = await basin({
    swa: { startEpoch: swaStart, swaLr: 5e-4, annealEpochs: 2, annealStrategy: 'cos' },
  });
  log('Basin trainer, snapshot ensemble…');
  const snapshot = await basin(
    { snapshot: { cycles: Math.min(5, epochs), initialLr: 2e-3 } },
    'batch',
  );
  log('PyTorch, one thread…');
  const torch = python([
    '--epochs',
    String(epochs),
    '--samples',
    String(samples),
    '--test-samples',
    String(testSamples),
    '--folder',
    folder,
  ]);

  await selectBackend({
    forced: ready.backend,
    cudaVisibleDevices: process.env.CUDA_VISIBLE_DEVICES,
  });
  const singleAccuracy = single.done.testMetrics['test.accuracy'] ?? NaN;
  const swaPath = checkpoint(swa, 'swa');
  const swaAccuracy = await testAccuracy([swaPath], swaPath, folder, testSamples);
  const ensemble = snapshot.messages.find((m) => m.type === 'ensemble');
  if (ensemble?.type !== 'ensemble') throw new Error('no ensemble');
  const ensembleAccuracy = await testAccuracy(
    ensemble.members.map((m) => m.path),
    checkpoint(snapshot, 'final'),
    folder,
    testSamples,
  );

  const torchRate = torch.samplesPerSecond ?? NaN;
  const overhead = 1 - basinRate / (bareTuned.samplesPerSecond ?? NaN);
  console.log(
    `\nFashion-MNIST MLP 784-256-128-10 (BN, ReLU, dropout 0.2, Adam 1e-3, batch 128): ${trainCount} training / ${testSamples} test images, ${epochs} epochs`,
  );
  console.log(
    `backend: ${ready.backend}, ${ready.device}; tfjs ${ready.tfjsVersion}; kernels: ${ready.kernels.map((k) => `${k.kernel} ${k.resolution}`).join(', ') || 'stock'}\n`,
  );
  console.log('| training throughput                                  | samples/s | vs PyTorch |');
  console.log('|------------------------------------------------------|-----------|------------|');
  const row = (name: string, rate: number) =>
    console.log(`| ${name.padEnd(52)} | ${fmt(rate)}  | ${fmt(rate / torchRate, 3)}   |`);
  row(`Basin trainer (${ready.backend}), training batches`, basinRate);
  row(`Basin trainer (${ready.backend}), end to end incl. eval/ckpt`, endToEnd);
  row(`bare TF.js loop (${ready.backend}), stock kernels`, bareStock.samplesPerSecond ?? NaN);
  row(
    `bare TF.js loop (${ready.backend}), trainer's matmul kernel`,
    bareTuned.samplesPerSecond ?? NaN,
  );
  row('PyTorch CPU, 1 thread', torchRate);
  console.log(
    `\nBasin's overhead over the bare loop with the same kernels: ${(100 * overhead).toFixed(1)}% (target ≤ 5%)\n`,
  );
  console.log('| test accuracy                  | Basin  | PyTorch |');
  console.log('|--------------------------------|--------|---------|');
  const acc = (name: string, ours: number, theirs: number | undefined) =>
    console.log(`| ${name.padEnd(30)} | ${ours.toFixed(4)} | ${(theirs ?? NaN).toFixed(4)}  |`);
  acc('single run (best epoch by val)', singleAccuracy, torch.single);
  acc(`SWA (from epoch ${swaStart + 1})`, swaAccuracy, torch.swa);
  acc(`${ensemble.members.length}-snapshot ensemble`, ensembleAccuracy, torch.snapshot);
  console.log('\nPublished MLP baseline on Fashion-MNIST: 0.883');
}
