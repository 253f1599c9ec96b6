import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

/**
 * The gradient of a 2-D max pool on the wasm heap: each window's gradient goes to its first maximum,
 * as on the cpu backend. TF.js 4.22's wasm MaxPoolGrad starts each window's maximum at 0 instead of
 * −∞, so it drops the gradient of every window whose values are all negative (a quarter of it on
 * random input): harmless after ReLU, wrong after linear, leakyRelu, elu or tanh. It is also slow;
 * this one scans each window once and scatters into float64 sums, which round to the cpu backend's
 * float32 values (bit-identical for non-overlapping windows, the usual case).
 */
function maxPoolGrad(args: Parameters<tf.KernelFunc>[0]): tf.TensorInfo {
  const backend = args.backend as BackendWasm;
  const { dy, input } = args.inputs as { dy: tf.TensorInfo; input: tf.TensorInfo };
  const { filterSize, strides, pad, dimRoundingMode } =
    args.attrs as unknown as tf.MaxPoolGradAttrs;
  const info = tf.backend_util.computePool2DInfo(
    input.shape as [number, number, number, number],
    filterSize,
    strides,
    1,
    pad,
    dimRoundingMode,
  );
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth } = info;
  const { strideHeight, strideWidth, effectiveFilterHeight, effectiveFilterWidth } = info;
  const top = info.padInfo.top;
  const left = info.padInfo.left;

  const out = backend.makeOutput(input.shape, 'float32');
  const x = backend.typedArrayFromHeap(input) as Float32Array;
  const upstream = backend.typedArrayFromHeap(dy) as Float32Array;
  const sums = new Float64Array(x.length);
  const rowStride = inWidth * inChannels;
  for (let b = 0; b < batchSize; b++) {
    const imageBase = b * inHeight * rowStride;
    for (let yR = 0; yR < outHeight; yR++) {
      const rowCorner = yR * strideHeight - top;
      const rowMin = Math.max(0, rowCorner);
      const rowMax = Math.min(inHeight, rowCorner + effectiveFilterHeight);
      for (let yC = 0; yC < outWidth; yC++) {
        const colCorner = yC * strideWidth - left;
        const colMin = Math.max(0, colCorner);
        const colMax = Math.min(inWidth, colCorner + effectiveFilterWidth);
        const dyBase = ((b * outHeight + yR) * outWidth + yC) * inChannels;
        for (let d = 0; d < inChannels; d++) {
          let best = Number.NEGATIVE_INFINITY;
          let at = -1;
          for (let xR = rowMin; xR < rowMax; xR++) {
            const rowBase = imageBase + xR * rowStride + d;
            for (let xC = colMin; xC < colMax; xC++) {
              const value = x[rowBase + xC * inChannels] as number;
              if (value > best) {
                best = value;
                at = rowBase + xC * inChannels;
              }
            }
          }
          // A window of NaN or −∞ only has no maximum and passes no gradient, as on cpu.
          if (at >= 0) sums[at] = (sums[at] as number) + (upstream[dyBase + d] as number);
        }
      }
    }
  }
  (backend.typedArrayFromHeap(out) as Float32Array).set(sums);
  return out;
}

export const wasmMaxPoolGradKernel = (): tf.KernelConfig => ({
  kernelName: tf.MaxPoolGrad,
  backendName: 'wasm',
  kernelFunc: maxPoolGrad as unknown as tf.KernelFunc,
});
