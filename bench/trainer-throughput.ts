/**
 * The trainer's training throughput next to single-threaded PyTorch, measured side by side in one
 * run (see trainer-bench.ts for how to run it): Fashion-MNIST, Adam 1e-3, batch 128,
 *   mlp  784-256-128-10 with BN after the first layer, ReLU, dropout 0.2;
 *   cnn  conv 3×3×16 (same) → ReLU → maxpool 2 → conv 3×3×32 (same) → ReLU → maxpool 2 → dense 10.
 * Rates are training samples per second over the steady epochs (all but the first), batches only,
 * as PyTorch's loop measures them; the two train at the same time, on the same data. The 1-minute
 * load average before and after says how busy the machine was with other work.
 */
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { writeFashionMnistSubset } from '../src-main/trainer/testing/fashion-mnist-subset';
import { REPOSITORY_ROOT, runTrainer } from '../src-main/trainer/testing/trainer-harness';
import { FASHION_MNIST_DIR } from '../src-main/data/fashion-mnist';

export interface ThroughputOptions {
  epochs: number;
  /** Training images used (the first ones); 60000 is all. */
  samples: number;
  json: boolean;
  /** Repetitions of the whole comparison; each side keeps its best. */
  rounds: number;
}

type ModelName = 'mlp' | 'cnn';

const LAYERS: Record<ModelName, unknown[]> = {
  mlp: [
    { type: 'flatten' },
    { type: 'dense', units: 256 },
    { type: 'batchNorm', momentum: 0.9, epsilon: 1e-5 },
    { type: 'activation', activation: 'relu' },
    { type: 'dropout', rate: 0.2 },
    { type: 'dense', units: 128, activation: 'relu' },
    { type: 'dropout', rate: 0.2 },
    { type: 'dense', units: 10, activation: 'softmax' },
  ],
  cnn: [
    { type: 'conv2d', filters: 16, kernelSize: 3, padding: 'same', activation: 'relu' },
    { type: 'maxPool2d', poolSize: 2 },
    { type: 'conv2d', filters: 32, kernelSize: 3, padding: 'same', activation: 'relu' },
    { type: 'maxPool2d', poolSize: 2 },
    { type: 'flatten' },
    { type: 'dense', units: 10, activation: 'softmax' },
  ],
};

function spec(model: ModelName, epochs: number): Record<string, unknown> {
  return {
    schemaVersion: 1,
    name: `fashion-mnist throughput ${model}`,
    data: { source: { kind: 'builtin', dataset: 'fashion-mnist' } },
    split: { kind: 'holdout', train: 0.9, validation: 0.1, test: 0, seed: 0 },
    model: { layers: LAYERS[model] },
    optimization: { optimizer: { kind: 'adam', learningRate: 1e-3 } },
    training: { epochs, batchSize: 128, seed: 0 },
  };
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

export interface ModelRates {
  basin: number;
  torch: number;
  ratio: number;
}

export interface ThroughputResult {
  mlp: ModelRates;
  cnn: ModelRates;
  load: [number, number];
  backend: string;
  kernels: string[];
}

function basinRate(
  model: ModelName,
  epochs: number,
  fashionMnistDir: string | null,
): Promise<{ rate: number; backend: string; kernels: string[] }> {
  return runTrainer({ spec: spec(model, epochs), fashionMnistDir }).then((run) => {
    const ready = run.messages[0];
    if (ready?.type !== 'ready') throw new Error(`the ${model} trainer did not report ready`);
    return {
      rate: mean(run.epochs.slice(1).map((e) => e.samplesPerSecond)),
      backend: `${ready.backend}, ${ready.device}`,
      kernels: ready.kernels.map((k) => k.kernel),
    };
  });
}

/**
 * Starts PyTorch training `model` until its stdin closes; resolves with its samples/s once closed.
 */
function startTorch(
  model: ModelName,
  epochs: number,
  samples: number,
  folder: string,
): { stop: () => Promise<number> } {
  const script = join(REPOSITORY_ROOT, 'bench/trainer-torch-throughput.py');
  const args = ['--model', model, '--epochs', String(epochs), '--samples', String(samples)];
  const child = spawn(
    '/usr/bin/python3',
    [script, ...args, '--folder', folder, '--until-stdin-closes'],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
      env: {
        ...process.env,
        OPENBLAS_NUM_THREADS: '1',
        OMP_NUM_THREADS: '1',
        MKL_NUM_THREADS: '1',
      },
    },
  );
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise<number>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`PyTorch (${model}) exited with code ${code}`));
      const parsed = JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as {
        samplesPerSecond: number;
      };
      resolve(parsed.samplesPerSecond);
    });
  });
  return {
    stop: () => {
      child.stdin.end();
      return exited;
    },
  };
}

/**
 * Basin and PyTorch train each model at the same time, one process each (both single-threaded), so
 * the machine's other work weighs on both alike; PyTorch keeps going until Basin is done. With
 * several rounds, each side keeps its best round.
 */
export async function measureThroughput(options: ThroughputOptions): Promise<ThroughputResult> {
  const { epochs, samples, rounds } = options;
  if (epochs < 2) throw new Error('--epochs must be at least 2: the first epoch is warm-up');
  const full = samples >= 60000;
  const folder = full ? FASHION_MNIST_DIR : writeFashionMnistSubset(samples, 1000);
  const log = (text: string) => process.stderr.write(`${text}\n`);
  const loadBefore = loadavg()[0] as number;

  const best = { mlp: { basin: 0, torch: 0 }, cnn: { basin: 0, torch: 0 } };
  let backend = '';
  const kernels = new Set<string>();
  for (let round = 1; round <= rounds; round++) {
    for (const model of ['mlp', 'cnn'] as const) {
      log(`round ${round}/${rounds}, ${model}: Basin and PyTorch (one thread) side by side…`);
      const torch = startTorch(model, epochs, samples, folder);
      const basin = await basinRate(model, epochs, full ? null : folder);
      const torchRate = await torch.stop();
      backend = basin.backend;
      basin.kernels.forEach((k) => kernels.add(k));
      best[model].basin = Math.max(best[model].basin, basin.rate);
      best[model].torch = Math.max(best[model].torch, torchRate);
    }
  }
  const rates = (model: ModelName): ModelRates => ({
    ...best[model],
    ratio: best[model].basin / best[model].torch,
  });
  return {
    mlp: rates('mlp'),
    cnn: rates('cnn'),
    load: [loadBefore, loadavg()[0] as number],
    backend,
    kernels: [...kernels],
  };
}

export function printThroughput(result: ThroughputResult, options: ThroughputOptions): void {
  if (options.json) {
    const { mlp, cnn, load } = result;
    console.log(JSON.stringify({ mlp, cnn, load }));
    return;
  }
  const trainCount = Math.round(0.9 * Math.min(options.samples, 60000));
  console.log(
    `\nFashion-MNIST, ${trainCount} training images, ${options.epochs} epochs (rates over epochs 2…, best of ${options.rounds} rounds), Adam, batch 128`,
  );
  console.log(`backend: ${result.backend}; Basin kernels: ${result.kernels.join(', ') || 'none'}`);
  console.log(
    `1-minute load average: ${result.load[0].toFixed(2)} before, ${result.load[1].toFixed(2)} after\n`,
  );
  console.log('| model | Basin samples/s | PyTorch 1 thread samples/s | ratio |');
  console.log('|-------|-----------------|----------------------------|-------|');
  for (const model of ['mlp', 'cnn'] as const) {
    const r = result[model];
    console.log(
      `| ${model}   | ${r.basin.toFixed(0).padStart(15)} | ${r.torch.toFixed(0).padStart(26)} | ${r.ratio.toFixed(3)} |`,
    );
  }
}
