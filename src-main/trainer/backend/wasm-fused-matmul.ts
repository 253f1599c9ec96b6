import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { simdProduct } from './wasm-batch-matmul';

/**
 * `_FusedMatMul` (a dense layer's forward: x·W + b, then its activation) through Basin's SIMD
 * product (wasm-gemm.ts), which reads the weights in place where XNNPACK repacks them after every
 * optimizer step; the bias and a relu follow in one pass over the product, in the cpu backend's
 * order (product, + bias, activation). Transposed operands, other activations, PReLU weights and
 * shapes the SIMD product does not take go to the original kernel.
 */

type KernelArgs = Parameters<tf.KernelFunc>[0];

function addBiasAndActivate(
  backend: BackendWasm,
  out: tf.TensorInfo,
  bias: tf.TensorInfo | undefined,
  relu: boolean,
): void {
  const values = backend.typedArrayFromHeap(out) as Float32Array;
  const columns = out.shape.at(-1) as number;
  const b = bias === undefined ? null : (backend.typedArrayFromHeap(bias) as Float32Array);
  for (let start = 0; start < values.length; start += columns) {
    for (let c = 0; c < columns; c++) {
      let v = values[start + c] as number;
      if (b !== null) v = Math.fround(v + (b[c] as number));
      values[start + c] = relu && v < 0 ? 0 : v;
    }
  }
}

/** Wraps the wasm backend's own _FusedMatMul kernel, which must already be registered and set up. */
export function wasmFusedMatMulKernel(original: tf.KernelConfig): tf.KernelConfig {
  const kernelFunc = (args: KernelArgs): tf.TensorInfo | tf.TensorInfo[] => {
    const attrs = args.attrs as unknown as tf.BatchMatMulAttrs & { activation: string };
    const backend = args.backend as BackendWasm;
    const { a, b, bias, preluActivationWeights } = args.inputs as Record<
      string,
      tf.TensorInfo | undefined
    >;
    const n = b?.shape.at(-1);
    const plainBias =
      bias === undefined || (bias.dtype === 'float32' && tf.util.sizeFromShape(bias.shape) === n);
    const supported =
      !attrs.transposeA &&
      !attrs.transposeB &&
      (attrs.activation === 'linear' || attrs.activation === 'relu') &&
      preluActivationWeights === undefined &&
      plainBias;
    const out = supported ? simdProduct(backend, a as tf.TensorInfo, b as tf.TensorInfo) : null;
    if (out === null) return original.kernelFunc(args);
    addBiasAndActivate(backend, out, bias, attrs.activation === 'relu');
    return out;
  };
  return { kernelName: tf._FusedMatMul, backendName: 'wasm', kernelFunc };
}
