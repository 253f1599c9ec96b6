import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { wasmCol2im } from './wasm-col2im';
import { heapMemory, heapOffset } from './wasm-heap';

/**
 * The input gradient of a 2-D convolution as one matmul and a scatter: columns = dy · Wᵀ (one row
 * per output position, one column per filter tap and input channel) by the wasm backend's own
 * (XNNPACK) matmul, then each column added back to the input position it came from (col2im, by
 * wasm-col2im.ts), in float64. TF.js 4.22's wasm Conv2DBackpropInput is a plain C++ loop nest: 37% of a small CNN's
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
    const out = backend.makeOutput(attrs.inputShape, 'float32');
    const total = tf.util.sizeFromShape(attrs.inputShape);
    // float64 sums: two float32 slots per value.
    const sums = backend.makeOutput([2 * total], 'float32');
    try {
      wasmCol2im(heapMemory(backend))({
        columns: heapOffset(backend, columns),
        sums: heapOffset(backend, sums),
        out: heapOffset(backend, out),
        batch: batchSize,
        inHeight,
        inWidth,
        inChannels,
        outHeight,
        outWidth,
        filterHeight,
        filterWidth,
        strideHeight,
        strideWidth,
        top,
        left,
        total,
      });
    } finally {
      backend.disposeData(sums.dataId);
    }
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
