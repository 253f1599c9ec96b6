import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { heapMemory, heapOffset } from './wasm-heap';
import { wasmIm2col } from './wasm-im2col';

/**
 * The filter gradient of a 2-D convolution, which TF.js 4.22 ships for cpu and webgl but not for
 * wasm: dW = patchesᵀ · dy, with the input's patches laid out transposed (im2col, one row per
 * filter tap and input channel, one column per output position, written by wasm-im2col.ts) on
 * the wasm heap, and the product
 * taken by the wasm backend's own (XNNPACK) matmul. The matmul sums in float32, so results match
 * the cpu backend's float64 sums to float32 rounding of the sum, not bit for bit. (The other
 * layout, patches [positions, taps] and dyᵀ · patches, copies memory in order but made XNNPACK
 * repack a 3.6M-value operand on every call in the benchmark CNN: 3× slower overall.)
 */
function conv2DBackpropFilter(args: Parameters<tf.KernelFunc>[0]): tf.TensorInfo {
  const backend = args.backend as BackendWasm;
  const { x, dy } = args.inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
  const attrs = args.attrs as unknown as tf.Conv2DBackpropFilterAttrs;
  const dataFormat = tf.backend_util.convertConv2DDataFormat(attrs.dataFormat);
  if (dataFormat !== 'channelsLast') {
    throw new Error(
      'The wasm Conv2DBackpropFilter kernel supports channels-last (NHWC) data only.',
    );
  }
  const info = tf.backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    attrs.filterShape,
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

  // Allocate before taking views: a new wasm allocation may move the heap.
  const patches = backend.makeOutput([1, taps, positions], 'float32');
  (backend.typedArrayFromHeap(patches) as Float32Array).fill(0);
  wasmIm2col(heapMemory(backend))({
    x: heapOffset(backend, x),
    target: heapOffset(backend, patches),
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
    positions,
  });

  const matMul = tf.getKernel(tf.BatchMatMul, 'wasm');
  if (matMul === undefined) throw new Error('the wasm backend has no BatchMatMul kernel');
  try {
    const product = matMul.kernelFunc({
      backend,
      inputs: {
        a: patches,
        b: { dataId: dy.dataId, shape: [1, positions, outChannels], dtype: 'float32' },
      },
      attrs: { transposeA: false, transposeB: false } as unknown as tf.NamedAttrMap,
    }) as tf.TensorInfo;
    return { ...product, shape: info.filterShape };
  } finally {
    backend.disposeData(patches.dataId);
  }
}

export const wasmConv2DBackpropFilterKernel: tf.KernelConfig = {
  kernelName: tf.Conv2DBackpropFilter,
  backendName: 'wasm',
  kernelFunc: conv2DBackpropFilter,
};
