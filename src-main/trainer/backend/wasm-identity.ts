import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

/**
 * TF.js's engine clones every tensor a kernel's gradient needs (`saveTensorsForBackwardMode`), and
 * a clone is the Identity kernel. The wasm backend's Identity copies the whole buffer, one full
 * pass per saved tensor on every training step (≈50 per step in the benchmark MLP, each saved
 * convolution activation a 6 MB copy in the CNN). No wasm kernel writes into its inputs, so the
 * clone can share the buffer and count one more reference, as the cpu backend's Identity and the
 * wasm backend's own Reshape do. String tensors keep the stock kernel (their values live in JS).
 */
export function wasmIdentityKernel(original: tf.KernelConfig): tf.KernelConfig {
  const kernelFunc = (args: Parameters<tf.KernelFunc>[0]): tf.TensorInfo | tf.TensorInfo[] => {
    const { x } = args.inputs as { x: tf.TensorInfo };
    if (x.dtype === 'string') return original.kernelFunc(args);
    (args.backend as BackendWasm).incRef(x.dataId);
    return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
  };
  return { kernelName: tf.Identity, backendName: 'wasm', kernelFunc };
}
