/** The comparison behind wasm-kernels.ts (see there). */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { optimizerSchema } from '@shared/experiment/optimization';
import { selectBackend } from '../src-main/trainer/backend/select-backend';
import { wasmBatchMatMulKernel } from '../src-main/trainer/backend/wasm-batch-matmul';
import { wasmConv2DBackpropFilterKernel } from '../src-main/trainer/backend/wasm-conv2d-backprop-filter';
import { wasmConv2DBackpropInputKernel } from '../src-main/trainer/backend/wasm-conv2d-backprop-input';
import { wasmFusedConv2DKernel } from '../src-main/trainer/backend/wasm-conv2d';
import { wasmFusedMatMulKernel } from '../src-main/trainer/backend/wasm-fused-matmul';
import { wasmIdentityKernel } from '../src-main/trainer/backend/wasm-identity';
import {
  wasmLeadingMeanKernel,
  wasmLeadingSumKernel,
} from '../src-main/trainer/backend/wasm-leading-sum';
import { wasmMaxPoolGradKernel } from '../src-main/trainer/backend/wasm-max-pool-grad';
import { wasmOptimizerStepKernel } from '../src-main/trainer/backend/wasm-optimizer-step';
import { replaceWasmKernel } from '../src-main/trainer/backend/wasm-replace-kernel';
import { wasmTileKernel } from '../src-main/trainer/backend/wasm-tile';
import { Optimizer } from '../src-main/trainer/optim/optimizer';

interface Contest {
  name: string;
  /** The kernel name swapped between stock and Basin. */
  kernel: string;
  basin: (stock: tf.KernelConfig | undefined) => tf.KernelConfig;
  /** Sets up tensors and returns one call of the operation; everything it makes is disposed after. */
  prepare: () => { run: () => tf.Tensor | tf.Tensor[]; dispose: () => void };
  /** TF.js's own kernel, where the one registered now is already Basin's. */
  stock?: tf.KernelConfig;
}

const random = (shape: number[]) => tf.randomUniform(shape, -1, 1, 'float32', 1);

function contests(stockMatMul: tf.KernelConfig | undefined): Contest[] {
  const conv =
    (x: number[], filter: [number, number, number, number]): Contest['prepare'] =>
    () => {
      const input = random(x) as tf.Tensor4D;
      const dy = random([...x.slice(0, 3), filter[3]]) as tf.Tensor4D;
      const attrs = { strides: [1, 1], pad: 'same', dataFormat: 'NHWC', filterShape: filter };
      return {
        run: () =>
          tf.engine().runKernel(tf.Conv2DBackpropFilter, { x: input, dy }, attrs) as tf.Tensor,
        dispose: () => tf.dispose([input, dy]),
      };
    };
  const convInput =
    (
      x: [number, number, number, number],
      filter: [number, number, number, number],
    ): Contest['prepare'] =>
    () => {
      const weights = random(filter) as tf.Tensor4D;
      const dy = random([...x.slice(0, 3), filter[3]]) as tf.Tensor4D;
      const attrs = { strides: [1, 1], pad: 'same', dataFormat: 'NHWC', inputShape: x };
      return {
        run: () =>
          tf
            .engine()
            .runKernel(tf.Conv2DBackpropInput, { dy, filter: weights }, attrs) as tf.Tensor,
        dispose: () => tf.dispose([weights, dy]),
      };
    };
  const pool =
    (x: number[]): Contest['prepare'] =>
    () => {
      const input = random(x) as tf.Tensor4D;
      const output = tf.maxPool(input, 2, 2, 'valid');
      const dy = random(output.shape);
      const attrs = { filterSize: 2, strides: 2, pad: 'valid' };
      return {
        run: () => tf.engine().runKernel(tf.MaxPoolGrad, { dy, input, output }, attrs) as tf.Tensor,
        dispose: () => tf.dispose([input, output, dy]),
      };
    };
  const reduce =
    (op: 'sum' | 'mean', shape: number[], axis: number[]): Contest['prepare'] =>
    () => {
      const x = random(shape);
      return { run: () => tf[op](x, axis), dispose: () => x.dispose() };
    };
  // A dense layer's forward; in training its weights change every step (here: a fresh copy per
  // call, made on both sides), which makes XNNPACK pack them again.
  const dense =
    (rows: number, inputs: number, units: number, changed: boolean): Contest['prepare'] =>
    () => {
      const x = random([rows, inputs]) as tf.Tensor2D;
      const w = random([inputs, units]) as tf.Tensor2D;
      const bias = random([units]) as tf.Tensor1D;
      const run = () =>
        tf.tidy(() => {
          const b = changed ? (tf.add(w, 0) as tf.Tensor2D) : w;
          return tf.fused.matMul({ a: x, b, bias, activation: 'relu' });
        });
      return { run, dispose: () => tf.dispose([x, w, bias]) };
    };
  // A conv layer's forward in training: a fresh filter per call, as after every optimizer step.
  const convForward =
    (x: number[], filter: [number, number, number, number]): Contest['prepare'] =>
    () => {
      const input = random(x) as tf.Tensor4D;
      const weights = random(filter) as tf.Tensor4D;
      const bias = random([filter[3]]) as tf.Tensor1D;
      const run = () =>
        tf.tidy(() => {
          const changed = tf.add(weights, 0) as tf.Tensor4D;
          const [strides, pad, activation] = [1, 'same', 'relu'] as const;
          return tf.fused.conv2d({ x: input, filter: changed, strides, pad, bias, activation });
        });
      return { run, dispose: () => tf.dispose([input, weights, bias]) };
    };
  const adam = optimizerSchema.parse({ kind: 'adam', learningRate: 1e-3 });
  const optimizerStep =
    (shape: number[]): Contest['prepare'] =>
    () => {
      const variable = tf.variable(random(shape));
      const grad = random(shape);
      const optimizer = new Optimizer(adam, [variable]);
      return {
        run: () => optimizer.apply([grad], 1e-3),
        dispose: () => {
          optimizer.dispose();
          tf.dispose([variable, grad]);
        },
      };
    };
  const stockOr =
    (wrap: (o: tf.KernelConfig) => tf.KernelConfig) => (stock: tf.KernelConfig | undefined) => {
      if (stock === undefined) throw new Error('no stock kernel to wrap');
      return wrap(stock);
    };
  return [
    ...(
      [
        [128, 784, 256, true],
        [128, 784, 256, false],
        [128, 256, 128, true],
      ] as const
    ).map(([rows, inputs, units, changed]) => ({
      name: `_FusedMatMul [${rows},${inputs}]·[${inputs},${units}] + bias, relu, ${changed ? 'weights changed each call' : 'same weights'}`,
      kernel: tf._FusedMatMul,
      basin: stockOr(wasmFusedMatMulKernel),
      prepare: dense(rows, inputs, units, changed),
    })),
    ...(
      [
        [128, 784, 256],
        [128, 256, 128],
        [128, 128, 10],
      ] as const
    ).map(([rows, inputs, units]) => ({
      name: `BatchMatMul [${rows},${inputs}]ᵀ·[${rows},${units}] (a dense layer's weight gradient)`,
      kernel: tf.BatchMatMul,
      basin: () => stockOr(wasmBatchMatMulKernel)(stockMatMul),
      stock: stockMatMul,
      prepare: () => {
        const x = random([rows, inputs]) as tf.Tensor2D;
        const dy = random([rows, units]) as tf.Tensor2D;
        return { run: () => tf.matMul(x, dy, true, false), dispose: () => tf.dispose([x, dy]) };
      },
    })),
    {
      name: 'Tile [1,256] → [128,256]',
      kernel: tf.Tile,
      basin: stockOr(wasmTileKernel),
      prepare: () => {
        const x = random([1, 256]);
        return { run: () => tf.tile(x, [128, 1]), dispose: () => x.dispose() };
      },
    },
    {
      name: 'Identity (clone) [128,28,28,16]',
      kernel: tf.Identity,
      basin: stockOr(wasmIdentityKernel),
      prepare: () => {
        const x = random([128, 28, 28, 16]);
        return { run: () => tf.clone(x), dispose: () => x.dispose() };
      },
    },
    {
      name: 'Sum [128,256] axis 0',
      kernel: tf.Sum,
      basin: stockOr(wasmLeadingSumKernel),
      prepare: reduce('sum', [128, 256], [0]),
    },
    {
      name: 'Sum [128,28,28,16] axes 0-2',
      kernel: tf.Sum,
      basin: stockOr(wasmLeadingSumKernel),
      prepare: reduce('sum', [128, 28, 28, 16], [0, 1, 2]),
    },
    {
      name: 'Mean [128,256] axis 0',
      kernel: tf.Mean,
      basin: stockOr(wasmLeadingMeanKernel),
      prepare: reduce('mean', [128, 256], [0]),
    },
    {
      name: 'MaxPoolGrad [128,28,28,16] 2×2',
      kernel: tf.MaxPoolGrad,
      basin: () => wasmMaxPoolGradKernel(),
      prepare: pool([128, 28, 28, 16]),
    },
    {
      name: 'MaxPoolGrad [128,14,14,32] 2×2',
      kernel: tf.MaxPoolGrad,
      basin: () => wasmMaxPoolGradKernel(),
      prepare: pool([128, 14, 14, 32]),
    },
    ...(
      [
        [
          [128, 28, 28, 1],
          [3, 3, 1, 16],
        ],
        [
          [128, 14, 14, 16],
          [3, 3, 16, 32],
        ],
      ] as const
    ).map(([x, filter]) => ({
      name: `FusedConv2D ${JSON.stringify(x)} ${filter.join('×')} + bias, relu, filter changed each call`,
      kernel: tf.FusedConv2D,
      basin: stockOr(wasmFusedConv2DKernel),
      prepare: convForward([...x], [...filter]),
    })),
    {
      name: 'Conv2DBackpropFilter [128,28,28,1] 3×3×1×16',
      kernel: tf.Conv2DBackpropFilter,
      basin: () => wasmConv2DBackpropFilterKernel,
      prepare: conv([128, 28, 28, 1], [3, 3, 1, 16]),
    },
    {
      name: 'Conv2DBackpropFilter [128,14,14,16] 3×3×16×32',
      kernel: tf.Conv2DBackpropFilter,
      basin: () => wasmConv2DBackpropFilterKernel,
      prepare: conv([128, 14, 14, 16], [3, 3, 16, 32]),
    },
    {
      name: 'Conv2DBackpropInput [128,14,14,16] 3×3×16×32',
      kernel: tf.Conv2DBackpropInput,
      basin: stockOr(wasmConv2DBackpropInputKernel),
      prepare: convInput([128, 14, 14, 16], [3, 3, 16, 32]),
    },
    {
      name: 'Adam step + norms [784,256]',
      kernel: 'BasinOptimizerStep',
      basin: () => wasmOptimizerStepKernel,
      prepare: optimizerStep([784, 256]),
    },
    {
      name: 'Adam step + norms [256,128]',
      kernel: 'BasinOptimizerStep',
      basin: () => wasmOptimizerStepKernel,
      prepare: optimizerStep([256, 128]),
    },
    {
      name: 'Adam step + norms [16,128]',
      kernel: 'BasinOptimizerStep',
      basin: () => wasmOptimizerStepKernel,
      prepare: optimizerStep([16, 128]),
    },
    {
      name: 'Adam step + norms [256]',
      kernel: 'BasinOptimizerStep',
      basin: () => wasmOptimizerStepKernel,
      prepare: optimizerStep([256]),
    },
  ];
}

function timeCalls(prepare: Contest['prepare'], reps: number): number {
  const { run, dispose } = prepare();
  tf.dispose(run());
  const started = performance.now();
  for (let i = 0; i < reps; i++) tf.dispose(run());
  const elapsed = (performance.now() - started) / reps;
  dispose();
  return elapsed;
}

function swap(kernel: string, config: tf.KernelConfig | undefined): void {
  if (tf.getKernel(kernel, 'wasm') !== undefined) tf.unregisterKernel(kernel, 'wasm');
  if (config !== undefined) tf.registerKernel(config);
}

export default async function compare(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { reps: { type: 'string', default: '50' }, only: { type: 'string', default: '' } },
  });
  const reps = Number(values.reps);
  await selectBackend({ forced: 'wasm', cudaVisibleDevices: undefined });
  // Basin's kernels that multiply call the registered BatchMatMul: Basin's, as in training.
  const stockMatMul = tf.getKernel(tf.BatchMatMul, 'wasm');
  replaceWasmKernel(tf.BatchMatMul, wasmBatchMatMulKernel);
  console.log('| kernel | stock ms | Basin ms | speed-up |');
  console.log('|---|---|---|---|');
  for (const contest of contests(stockMatMul).filter((c) => c.name.includes(values.only))) {
    const stock = contest.stock ?? tf.getKernel(contest.kernel, 'wasm');
    const basin = contest.basin(stock);
    let stockMs = Infinity;
    let basinMs = Infinity;
    // Alternating rounds, best of three each, so a burst of load elsewhere hits both sides alike.
    for (let round = 0; round < 3; round++) {
      swap(contest.kernel, stock);
      if (stock !== undefined || contest.kernel === 'BasinOptimizerStep') {
        stockMs = Math.min(stockMs, timeCalls(contest.prepare, reps));
      }
      swap(contest.kernel, basin);
      basinMs = Math.min(basinMs, timeCalls(contest.prepare, reps));
    }
    swap(contest.kernel, stock);
    const stockText = Number.isFinite(stockMs) ? stockMs.toFixed(3) : 'none';
    const speedUp = Number.isFinite(stockMs) ? `${(stockMs / basinMs).toFixed(2)}×` : '—';
    console.log(`| ${contest.name} | ${stockText} | ${basinMs.toFixed(3)} | ${speedUp} |`);
  }
}
