import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { heapMemory, heapOffset } from './wasm-heap';
import { wasmLeadingSum } from './wasm-leading-sum-module';

/**
 * Sum and Mean over the leading axes (the batch axis of a bias gradient or of batch-norm moments,
 * the batch and spatial axes of a conv bias gradient) without a transpose. TF.js 4.22's wasm
 * reductions only reduce innermost axes, so they transpose the whole input first — 7.7% of an MLP
 * epoch. Here each row is added into per-column float64 sums in row order (wasm-leading-sum-module.ts,
 * SIMD), which is exactly what the cpu backend computes after its transpose: results are
 * bit-identical to cpu. Other axes, and
 * non-float inputs, go to the original kernel.
 */

/** How many leading axes `axis` names, when it names exactly axes 0…k−1 of a rank-`rank` tensor with k < rank. */
function leadingAxes(axis: number | number[], shape: readonly number[]): number | null {
  const axes = tf.util.parseAxisParam(axis, [...shape]);
  const sorted = [...new Set(axes)].sort((a, b) => a - b);
  if (sorted.length === 0 || sorted.length >= shape.length) return null;
  return sorted.every((a, i) => a === i) ? sorted.length : null;
}

function reduceLeading(
  args: Parameters<tf.KernelFunc>[0],
  leading: number,
  mean: boolean,
): tf.TensorInfo {
  const backend = args.backend as BackendWasm;
  const { x } = args.inputs as { x: tf.TensorInfo };
  const { keepDims } = args.attrs as unknown as tf.SumAttrs;
  const rows = tf.util.sizeFromShape(x.shape.slice(0, leading));
  const kept = x.shape.slice(leading);
  const columns = tf.util.sizeFromShape(kept);
  const outShape = keepDims ? [...x.shape.slice(0, leading).map(() => 1), ...kept] : kept;
  const out = backend.makeOutput(outShape, 'float32');
  const memory = heapMemory(backend);
  const sum = wasmLeadingSum(memory);
  if (sum === null) throw new Error('Basin’s leading-axis Sum and Mean need WebAssembly SIMD');
  const sums = backend.makeOutput([2 * columns], 'float32');
  try {
    sum(
      heapOffset(backend, x),
      heapOffset(backend, sums),
      heapOffset(backend, out),
      rows,
      columns,
      +mean,
    );
  } finally {
    backend.disposeData(sums.dataId);
  }
  return out;
}

function leadingReduction(original: tf.KernelConfig, mean: boolean): tf.KernelConfig {
  const kernelFunc = (args: Parameters<tf.KernelFunc>[0]) => {
    const { x } = args.inputs as { x: tf.TensorInfo };
    const { axis } = args.attrs as unknown as tf.SumAttrs;
    const leading = x.dtype === 'float32' ? leadingAxes(axis, x.shape) : null;
    return leading === null ? original.kernelFunc(args) : reduceLeading(args, leading, mean);
  };
  return { kernelName: original.kernelName, backendName: 'wasm', kernelFunc };
}

export const wasmLeadingSumKernel = (original: tf.KernelConfig) =>
  leadingReduction(original, false);
export const wasmLeadingMeanKernel = (original: tf.KernelConfig) =>
  leadingReduction(original, true);
