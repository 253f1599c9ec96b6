import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { heapMemory, heapOffset } from './wasm-heap';
import { simdPool } from './wasm-simd-max-pool';

/**
 * The gradient of a 2-D max pool on the wasm heap: each window's gradient goes to its first maximum,
 * as on the cpu backend. TF.js 4.22's wasm MaxPoolGrad starts each window's maximum at 0 instead of
 * −∞, so it drops the gradient of every window whose values are all negative (a quarter of it on
 * random input): harmless after ReLU, wrong after linear, leakyRelu, elu or tanh. It is also slow;
 * this one scans each window once, channels innermost, and scatters the gradient: bit-identical to
 * the cpu backend for non-overlapping windows (the usual case), and summed in float64 where
 * windows overlap, which rounds to the cpu's float32 values.
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
  // Non-overlapping windows inside the input, four channels at a time: the SIMD kernel.
  const tiled =
    strideHeight === effectiveFilterHeight &&
    strideWidth === effectiveFilterWidth &&
    top === 0 &&
    left === 0 &&
    outHeight * strideHeight <= inHeight &&
    outWidth * strideWidth <= inWidth &&
    inChannels % 4 === 0;
  if (tiled) {
    if (outHeight * strideHeight < inHeight || outWidth * strideWidth < inWidth) {
      (backend.typedArrayFromHeap(out) as Float32Array).fill(0);
    }
    const call = {
      x: heapOffset(backend, input),
      dy: heapOffset(backend, dy),
      out: heapOffset(backend, out),
      batch: batchSize,
      inHeight,
      inWidth,
      channels: inChannels,
      outHeight,
      outWidth,
      filterHeight: effectiveFilterHeight,
      filterWidth: effectiveFilterWidth,
    };
    if (simdPool(heapMemory(backend), 'gradient', call)) return out;
  }
  const x = backend.typedArrayFromHeap(input) as Float32Array;
  const upstream = backend.typedArrayFromHeap(dy) as Float32Array;
  const target = backend.typedArrayFromHeap(out) as Float32Array;
  // Windows that cannot overlap give each input at most one gradient: written straight into the
  // float32 output. Overlapping ones add up in float64 first, as the cpu backend sums.
  const overlapping = strideHeight < effectiveFilterHeight || strideWidth < effectiveFilterWidth;
  const sums = overlapping ? new Float64Array(x.length) : target.fill(0);
  const best = new Float32Array(inChannels);
  const at = new Int32Array(inChannels);
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
        // Channels innermost, as they lie in memory: each window's first maximum per channel.
        best.fill(Number.NEGATIVE_INFINITY);
        at.fill(-1);
        for (let xR = rowMin; xR < rowMax; xR++) {
          for (let xC = colMin; xC < colMax; xC++) {
            const base = imageBase + xR * rowStride + xC * inChannels;
            for (let d = 0; d < inChannels; d++) {
              const value = x[base + d] as number;
              if (value > (best[d] as number)) {
                best[d] = value;
                at[d] = base + d;
              }
            }
          }
        }
        const dyBase = ((b * outHeight + yR) * outWidth + yC) * inChannels;
        for (let d = 0; d < inChannels; d++) {
          // A window of NaN or −∞ only has no maximum and passes no gradient, as on cpu.
          const position = at[d] as number;
          if (position >= 0) {
            sums[position] = (sums[position] as number) + (upstream[dyBase + d] as number);
          }
        }
      }
    }
  }
  if (overlapping) target.set(sums);
  return out;
}

export const wasmMaxPoolGradKernel = (): tf.KernelConfig => ({
  kernelName: tf.MaxPoolGrad,
  backendName: 'wasm',
  kernelFunc: maxPoolGrad as unknown as tf.KernelFunc,
});
