import * as tf from '@tensorflow/tfjs';
import type { Activation, Layer } from '@shared/experiment/spec';
import { assertNever } from '@shared/contract/envelope';
import type { ReadyMessage } from '@shared/contract/trainer-protocol';
import { installWasmBatchMatMul } from './wasm-batch-matmul';
import { wasmConv2DBackpropFilterKernel } from './wasm-conv2d-backprop-filter';

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

function activationKernels(activation: Activation): string[] {
  switch (activation.kind) {
    case 'relu':
      return ['Relu', 'Step'];
    case 'leakyRelu':
      return ['LeakyRelu', 'Greater', 'Select'];
    case 'elu':
      return ['Elu', 'EluGrad'];
    case 'gelu':
      return ['Erf'];
    case 'sigmoid':
      return ['Sigmoid'];
    case 'tanh':
      return ['Tanh'];
    case 'softmax':
      return ['Softmax'];
    case 'linear':
      return [];
    default:
      return assertNever(activation, 'activation kind');
  }
}

function layerKernels(layer: Layer): string[] {
  switch (layer.type) {
    case 'dense':
      return ['_FusedMatMul', 'BatchMatMul', ...activationKernels(layer.activation)];
    case 'conv2d':
      return [
        'FusedConv2D',
        'Conv2D',
        'Conv2DBackpropInput',
        'Conv2DBackpropFilter',
        ...activationKernels(layer.activation),
      ];
    case 'maxPool2d':
      return ['MaxPool', 'MaxPoolGrad'];
    case 'flatten':
    case 'reshape':
      return ['Reshape'];
    case 'dropout':
      return ['Floor'];
    case 'batchNorm':
      return ['FusedBatchNorm', 'Rsqrt', 'Tile'];
    case 'activation':
      return activationKernels(layer.activation);
    default:
      return assertNever(layer, 'layer type');
  }
}

export function requiredKernels(layers: readonly Layer[]): string[] {
  return [...new Set<string>([...CORE, ...layers.flatMap(layerKernels)])].sort();
}

/** Kernels TF.js lacks on a backend that the trainer can supply itself. */
const fallbacks: readonly tf.KernelConfig[] = [wasmConv2DBackpropFilterKernel];

export type KernelResolution = ReadyMessage['kernels'][number];

/**
 * Makes sure `backend` can run every kernel the model needs: registers the trainer's own kernels
 * where TF.js has none (and its faster matmul wrapper on wasm), and reports what is still missing
 * (the caller then moves the run).
 */
export function provideKernels(
  layers: readonly Layer[],
  backend: string,
): { registered: KernelResolution[]; missing: string[] } {
  const registered: KernelResolution[] = [];
  const missing: string[] = [];
  if (backend === 'wasm' && installWasmBatchMatMul()) {
    registered.push({
      kernel: 'BatchMatMul',
      resolution: 'replaced-kernel',
      detail:
        'wasm multiplies transposed operands 10–15× slower than plain ones; the trainer transposes them first',
    });
  }
  for (const kernel of requiredKernels(layers)) {
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
      detail: `TF.js has no ${kernel} for ${backend}; the trainer registered its own JavaScript kernel`,
    });
  }
  return { registered, missing };
}
