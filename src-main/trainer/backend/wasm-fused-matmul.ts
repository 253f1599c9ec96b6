import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { simdProduct } from './wasm-batch-matmul';

/**
 * `_FusedMatMul` (a dense layer's forward: x·W + b, then its activation) through Basin's SIMD
 * product (wasm-gemm.ts), which reads the weights in place where XNNPACK repacks them after every
 * optimizer step, with the bias and a relu in the same pass. Transposed operands, other
 * activations, PReLU weights and operands the SIMD product does not take go to the original kernel.
 */

type KernelArgs = Parameters<tf.KernelFunc>[0];

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
    const dense = { bias, relu: attrs.activation === 'relu' };
    const out = supported
      ? simdProduct(backend, a as tf.TensorInfo, b as tf.TensorInfo, dense)
      : null;
    return out ?? original.kernelFunc(args);
  };
  return { kernelName: tf._FusedMatMul, backendName: 'wasm', kernelFunc };
}
