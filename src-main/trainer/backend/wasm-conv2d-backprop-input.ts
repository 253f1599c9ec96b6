import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

/**
 * The input gradient of a 2-D convolution as one matmul and a scatter: columns = dy · Wᵀ (one row
 * per output position, one column per filter tap and input channel) by the wasm backend's own
 * (XNNPACK) matmul, then each column added back to the input position it came from (col2im), in
 * float64. TF.js 4.22's wasm Conv2DBackpropInput is a plain C++ loop nest: 37% of a small CNN's
 * training time. The matmul sums in float32, so results match the cpu backend to float32 rounding
 * of the sums, not bit for bit. NCHW data goes to the original kernel.
 */
function conv2DBackpropInput(
  args: Parameters<tf.KernelFunc>[0],
  original: tf.KernelConfig,
): tf.TensorInfo {
  const backend = args.backend as BackendWasm;
  const { dy, filter } = args.inputs as { dy: tf.TensorInfo; filter: tf.TensorInfo };
  const attrs = args.attrs as unknown as tf.Conv2DBackpropInputAttrs;
  const dataFormat = tf.backend_util.convertConv2DDataFormat(attrs.dataFormat);
  if (dataFormat !== 'channelsLast') return original.kernelFunc(args) as tf.TensorInfo;
  const info = tf.backend_util.computeConv2DInfo(
    attrs.inputShape,
    filter.shape as [number, number, number, number],
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    dataFormat,
  );
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels } = info;
  const { filterHeight, filterWidth, strideHeight, strideWidth } = info;
  const top = info.padInfo.top;
  const left = info.padInfo.left;
  const taps = filterHeight * filterWidth * inChannels;
  const positions = batchSize * outHeight * outWidth;

  const matMul = tf.getKernel(tf.BatchMatMul, 'wasm');
  if (matMul === undefined) throw new Error('the wasm backend has no BatchMatMul kernel');
  const columns = matMul.kernelFunc({
    backend,
    inputs: {
      a: { dataId: dy.dataId, shape: [1, positions, outChannels], dtype: 'float32' },
      b: { dataId: filter.dataId, shape: [1, taps, outChannels], dtype: 'float32' },
    },
    attrs: { transposeA: false, transposeB: true } as unknown as tf.NamedAttrMap,
  }) as tf.TensorInfo;
  try {
    // Allocate before taking views: a new wasm allocation may move the heap.
    const out = backend.makeOutput(attrs.inputShape, 'float32');
    const source = backend.typedArrayFromHeap(columns) as Float32Array;
    const sums = new Float64Array(batchSize * inHeight * inWidth * inChannels);
    const rowStride = inWidth * inChannels;
    for (let b = 0; b < batchSize; b++) {
      for (let yR = 0; yR < outHeight; yR++) {
        for (let yC = 0; yC < outWidth; yC++) {
          const column = ((b * outHeight + yR) * outWidth + yC) * taps;
          for (let wR = 0; wR < filterHeight; wR++) {
            const xR = yR * strideHeight + wR - top;
            if (xR < 0 || xR >= inHeight) continue;
            for (let wC = 0; wC < filterWidth; wC++) {
              const xC = yC * strideWidth + wC - left;
              if (xC < 0 || xC >= inWidth) continue;
              const target = (b * inHeight + xR) * rowStride + xC * inChannels;
              const from = column + (wR * filterWidth + wC) * inChannels;
              for (let d = 0; d < inChannels; d++) {
                sums[target + d] = (sums[target + d] as number) + (source[from + d] as number);
              }
            }
          }
        }
      }
    }
    (backend.typedArrayFromHeap(out) as Float32Array).set(sums);
    return out;
  } finally {
    backend.disposeData(columns.dataId);
  }
}

export function wasmConv2DBackpropInputKernel(original: tf.KernelConfig): tf.KernelConfig {
  return {
    kernelName: tf.Conv2DBackpropInput,
    backendName: 'wasm',
    kernelFunc: (args) => conv2DBackpropInput(args, original),
  };
}
