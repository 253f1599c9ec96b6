import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { OptimizerConfig } from '@shared/experiment/optimization';
import { adamScalars, fusedStep, type FusedArrays } from '../optim/fused-step';
import { slotNames, type SlotName } from '../optim/slots';
import { heapMemory, heapOffset } from './wasm-heap';
import { simdAdam } from './wasm-simd-adam';

/**
 * The whole optimizer step of one parameter as one wasm kernel: new parameter, new slots and the
 * squared norms (gradient, update, weight) in a single pass over the wasm heap, instead of the
 * 15–20 TF.js ops per parameter of the op-by-op path, each one a kernel dispatch and a full pass.
 * The arithmetic is `fusedStep`'s: bit-identical to the op-by-op path on the cpu backend.
 */
export const OPTIMIZER_STEP = 'BasinOptimizerStep';

export interface OptimizerStepAttrs {
  config: OptimizerConfig;
  lr: number;
  /** The 1-based count of steps including this one. */
  step: number;
}

/** The SIMD Adam kernel over the backend's memory, or null without WebAssembly SIMD. */
function simdKernel(backend: BackendWasm) {
  return simdAdam(heapMemory(backend));
}

/**
 * Whether every size of a variable is fused for this optimizer: Adam and AdamW, whose SIMD kernel
 * beats wasm's own ops at every size, where WebAssembly has SIMD.
 */
export function fusesEverySize(config: OptimizerConfig): boolean {
  if (config.kind !== 'adam' && config.kind !== 'adamw') return false;
  const backend = tf.backend() as BackendWasm;
  return tf.getBackend() === 'wasm' && simdKernel(backend) !== null;
}

/** Outputs: the new parameter, the new slots in `slotNames(config)` order, then [Σg², Σ(Δp)², Σp′²]. */
function optimizerStep(args: Parameters<tf.KernelFunc>[0]): tf.TensorInfo[] {
  const backend = args.backend as BackendWasm;
  const { config, lr, step } = args.attrs as unknown as OptimizerStepAttrs;
  const inputs = args.inputs as Record<string, tf.TensorInfo>;
  const param = inputs.param as tf.TensorInfo;
  const grad = inputs.grad as tf.TensorInfo;
  const names = slotNames(config);
  const slotInfo = (name: SlotName) => {
    const info = inputs[name];
    if (info === undefined) throw new Error(`${OPTIMIZER_STEP}: slot ${name} is missing`);
    return info;
  };
  // Allocate every output before taking views: a new wasm allocation may move the heap.
  const nextParam = backend.makeOutput(param.shape, 'float32');
  const nextSlots = names.map(() => backend.makeOutput(param.shape, 'float32'));
  const squares = backend.makeOutput([3], 'float32');
  const adam = config.kind === 'adam' || config.kind === 'adamw' ? simdKernel(backend) : null;
  if (adam !== null && (config.kind === 'adam' || config.kind === 'adamw')) {
    const at = (info: tf.TensorInfo) => heapOffset(backend, info);
    adam(
      {
        param: at(param),
        grad: at(grad),
        nextParam: at(nextParam),
        expAvg: at(slotInfo('expAvg')),
        nextExpAvg: at(nextSlots[0] as tf.TensorInfo),
        expAvgSq: at(slotInfo('expAvgSq')),
        nextExpAvgSq: at(nextSlots[1] as tf.TensorInfo),
        squares: at(squares),
      },
      tf.util.sizeFromShape(param.shape),
      adamScalars(config, lr, step),
    );
    return [nextParam, ...nextSlots, squares];
  }
  const view = (info: tf.TensorInfo) => backend.typedArrayFromHeap(info) as Float32Array;
  const arrays: FusedArrays = {
    param: view(param),
    grad: view(grad),
    slots: Object.fromEntries(names.map((name) => [name, view(slotInfo(name))])),
    nextParam: view(nextParam),
    nextSlots: Object.fromEntries(
      names.map((name, i) => [name, view(nextSlots[i] as tf.TensorInfo)]),
    ),
    squares: view(squares),
  };
  fusedStep(config, arrays, lr, step);
  return [nextParam, ...nextSlots, squares];
}

export const wasmOptimizerStepKernel: tf.KernelConfig = {
  kernelName: OPTIMIZER_STEP,
  backendName: 'wasm',
  kernelFunc: optimizerStep,
};
