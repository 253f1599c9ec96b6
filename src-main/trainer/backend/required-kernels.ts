import * as tf from '@tensorflow/tfjs';
import type { Layer } from '@shared/experiment/spec';
import type { ReadyMessage } from '@shared/contract/trainer-protocol';
import { tfjsLayerKind } from '../model/tfjs-layer-kinds';
import { wasmBatchMatMulKernel } from './wasm-batch-matmul';
import { wasmBatchNormBackpropKernel } from './wasm-batch-norm-backprop';
import { wasmConv2DBackpropFilterKernel } from './wasm-conv2d-backprop-filter';
import { wasmConv2DBackpropInputKernel } from './wasm-conv2d-backprop-input';
import { wasmConv2DKernel, wasmFusedConv2DKernel } from './wasm-conv2d';
import { wasmFusedMatMulKernel } from './wasm-fused-matmul';
import { wasmIdentityKernel } from './wasm-identity';
import { wasmLeadingMeanKernel, wasmLeadingSumKernel } from './wasm-leading-sum';
import { wasmMaxPoolArgmaxGradKernel, wasmMaxPoolArgmaxKernel } from './wasm-max-pool-argmax';
import { wasmMaxPoolGradKernel } from './wasm-max-pool-grad';
import { wasmOptimizerStepKernel } from './wasm-optimizer-step';
import { wasmReluBackpropKernel } from './wasm-relu-backprop';
import { replaceWasmKernel } from './wasm-replace-kernel';
import { wasmTileKernel } from './wasm-tile';

/**
 * The TF.js kernels a training run calls, forward and backward, so a backend can be checked before
 * the first step instead of failing in the middle of one. `required-kernels.test.ts` profiles real
 * training steps on the cpu backend and fails when this list misses a kernel they use.
 */

/** Losses, optimizers, clipping, noise, penalties, metrics and checkpoints: every run may use these. */
const CORE = [
  'Abs',
  'Add',
  'AddN',
  'BatchMatMul',
  'Cast',
  'ClipByValue',
  'Concat',
  'Exp',
  'Fill',
  'Greater',
  'Identity',
  'Log',
  'LessEqual',
  'Log1p',
  'Max',
  'Maximum',
  'Mean',
  'Minimum',
  'Multiply',
  'Neg',
  'Pack',
  'RealDiv',
  'Relu',
  'Reshape',
  'Select',
  'Sigmoid',
  'Sign',
  'Softmax',
  'Sqrt',
  'Square',
  'Step',
  'Sub',
  'Sum',
  'ZerosLike',
  '_FusedMatMul',
] as const;

export function requiredKernels(layers: readonly Layer[]): string[] {
  return [
    ...new Set<string>([
      ...CORE,
      ...layers.flatMap((layer) => tfjsLayerKind(layer).kernels(layer)),
    ]),
  ].sort();
}

/** Kernels TF.js lacks on a backend that the trainer can supply itself. */
const fallbacks: readonly tf.KernelConfig[] = [wasmConv2DBackpropFilterKernel];

export type KernelResolution = ReadyMessage['kernels'][number];

/** The wasm backend's own kernels that the trainer replaces with faster (or correct) ones, and why. */
const wasmReplacements: readonly {
  kernel: string;
  wrap: (original: tf.KernelConfig) => tf.KernelConfig;
  detail: string;
}[] = [
  {
    kernel: tf.BatchMatMul,
    wrap: wasmBatchMatMulKernel,
    detail:
      'wasm multiplies transposed operands 10–15× slower than plain ones and repacks changed weights on every call; the trainer transposes them first and multiplies with its own SIMD kernel',
  },
  {
    kernel: tf._FusedMatMul,
    wrap: wasmFusedMatMulKernel,
    detail:
      'wasm repacks a dense layer’s weights after every optimizer step; the trainer multiplies them in place with its own SIMD kernel',
  },
  {
    kernel: tf.Identity,
    wrap: wasmIdentityKernel,
    detail:
      'wasm copies every tensor the gradient saves; the trainer shares the buffer and counts a reference',
  },
  {
    kernel: tf.Tile,
    wrap: wasmTileKernel,
    detail: 'wasm tiles element by element; the trainer copies whole blocks (batch-norm gradient)',
  },
  {
    kernel: tf.Sum,
    wrap: wasmLeadingSumKernel,
    detail:
      'wasm transposes before reducing the batch axis; the trainer sums leading axes in place',
  },
  {
    kernel: tf.Mean,
    wrap: wasmLeadingMeanKernel,
    detail:
      'wasm transposes before reducing the batch axis; the trainer averages leading axes in place',
  },
  {
    kernel: tf.Conv2D,
    wrap: wasmConv2DKernel,
    detail:
      'wasm repacks a convolution’s filter after every optimizer step; the trainer convolves with its own SIMD product, reading the input’s patches in place',
  },
  {
    kernel: tf.FusedConv2D,
    wrap: wasmFusedConv2DKernel,
    detail:
      'wasm repacks a convolution’s filter after every optimizer step; the trainer convolves, adds the bias and applies relu in one pass of its own SIMD product',
  },
  {
    kernel: tf.Conv2DBackpropInput,
    wrap: wasmConv2DBackpropInputKernel,
    detail:
      'wasm computes a convolution’s input gradient in a plain loop; the trainer convolves dy with the turned filter (stride 1) or uses its matmul and a scatter',
  },
  {
    kernel: tf.MaxPoolGrad,
    wrap: wasmMaxPoolGradKernel,
    detail:
      'wasm drops the gradient of pooling windows whose values are all negative; the trainer routes it to each window’s maximum',
  },
];

/** Kernels of Basin's own that its training ops call where the backend has them. */
const wasmOwnKernels: readonly { config: tf.KernelConfig; detail: string }[] = [
  {
    config: wasmOptimizerStepKernel,
    detail:
      'the optimizer update and its norms run as one kernel per parameter instead of 15–20 TF.js ops',
  },
  {
    config: wasmReluBackpropKernel,
    detail: 'the gradient through a relu runs as one kernel instead of Step, Cast and Multiply',
  },
  {
    config: wasmBatchNormBackpropKernel,
    detail:
      'a batch norm’s closed-form gradient runs as one kernel of two passes instead of about 14',
  },
  {
    config: wasmMaxPoolArgmaxKernel,
    detail:
      'a max pool in training keeps each window’s maximum position, so its gradient need not scan the input again',
  },
  {
    config: wasmMaxPoolArgmaxGradKernel,
    detail: 'a max pool’s gradient is routed by the positions its forward pass kept',
  },
];

/**
 * Makes sure `backend` can run every kernel the model needs: registers the trainer's own kernels
 * where TF.js has none (and, on wasm, its faster or corrected replacements), and reports what is
 * still missing (the caller then moves the run).
 */
export function provideKernels(
  layers: readonly Layer[],
  backend: string,
): { registered: KernelResolution[]; missing: string[] } {
  const registered: KernelResolution[] = [];
  const missing: string[] = [];
  const needed = requiredKernels(layers);
  if (backend === 'wasm') {
    for (const { kernel, wrap, detail } of wasmReplacements) {
      if (needed.includes(kernel) && replaceWasmKernel(kernel, wrap)) {
        registered.push({ kernel, resolution: 'replaced-kernel', detail });
      }
    }
    for (const { config, detail } of wasmOwnKernels) {
      if (tf.getKernel(config.kernelName, 'wasm') !== undefined) continue;
      tf.registerKernel(config);
      registered.push({ kernel: config.kernelName, resolution: 'registered-js-kernel', detail });
    }
  }
  for (const kernel of needed) {
    if (tf.getKernel(kernel, backend) !== undefined) continue;
    const fallback = fallbacks.find((k) => k.kernelName === kernel && k.backendName === backend);
    if (fallback === undefined) {
      missing.push(kernel);
      continue;
    }
    tf.registerKernel(fallback);
    registered.push({
      kernel,
      resolution: 'registered-js-kernel',
      detail: `TF.js has no ${kernel} for ${backend}; the trainer registered its own kernel`,
    });
  }
  return { registered, missing };
}
