import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { convBorder, paddedCopy } from './wasm-conv-padded';
import { gemmReach, wasmGemm, type GemmCall } from './wasm-gemm';
import { heapMemory, heapOffset } from './wasm-heap';

/**
 * The filter gradient of a 2-D convolution, which TF.js 4.22 ships for cpu and webgl but not for
 * wasm: dW[kh, kw, ci, co] = Σ over images and output positions of
 * x[n, oh·sh + kh − top, ow·sw + kw − left, ci] · dy[n, oh, ow, co], as products of Basin's SIMD
 * kernel (wasm-gemm.ts) over a padded copy of the input (wasm-conv-padded.ts), one per image and
 * kernel row: the rows of A are that kernel row's taps (filter width × channels values, one run of
 * memory at every output position), k runs over the image's output positions, and B is the
 * image's dy, read in place. Each product adds to the sums of the images before it, so nothing the
 * size of the patch matrix is ever written (an im2col copy was 14 MB a step in the benchmark CNN).
 * Sums are float32, image by image in position order, so results match the cpu backend's float64
 * sums to float32 rounding of the sum, not bit for bit.
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
  const memory = heapMemory(backend);
  const gemm = wasmGemm(memory);
  if (gemm === null) {
    throw new Error('The wasm Conv2DBackpropFilter kernel needs WebAssembly SIMD.');
  }
  const { batchSize, inChannels, outHeight, outWidth, outChannels } = info;
  const { filterHeight, filterWidth, strideHeight, strideWidth } = info;
  const out = backend.makeOutput(info.filterShape, 'float32');
  const size = tf.util.sizeFromShape(info.filterShape);
  if (batchSize * outHeight * outWidth === 0) {
    (backend.typedArrayFromHeap(out) as Float32Array).fill(0);
    return out;
  }
  // The product reads (and, adding up, loads) whole blocks of 8 columns: the sums go to a buffer
  // with room for them, and dy is copied into one when its last row ends too near the heap's end.
  const sums = backend.makeOutput([size + 8], 'float32');
  const { info: paddedInfo, padded } = paddedCopy(backend, x, convBorder(info));
  const scratch = [sums, paddedInfo];
  try {
    const pixel = 4 * inChannels;
    // One call per image, the kernel rows as the groups.
    const call = (n: number, gradient: number): GemmCall => ({
      a: padded.offset + n * padded.height * padded.width * pixel,
      aLane: 4,
      aStep: strideWidth * pixel,
      aJump: (strideHeight * padded.width - outWidth * strideWidth) * pixel,
      b: gradient + n * outHeight * outWidth * 4 * outChannels,
      bStep: 4 * outChannels,
      bJump: 0,
      inner: outWidth,
      outer: outHeight,
      c: heapOffset(backend, sums),
      cRow: 4 * outChannels,
      m: filterWidth * inChannels,
      n: outChannels,
      start: n === 0 ? 'zero' : 'accumulate',
      bias: 0,
      relu: false,
      groups: filterHeight,
      aGroup: padded.width * pixel,
      cGroup: filterWidth * inChannels * 4 * outChannels,
    });
    let gradient = heapOffset(backend, dy);
    if (gemmReach(call(batchSize - 1, gradient)) > memory.buffer.byteLength) {
      const copy = backend.makeOutput([tf.util.sizeFromShape(dy.shape) + 8], 'float32');
      scratch.push(copy);
      const values = backend.typedArrayFromHeap(dy) as Float32Array;
      (backend.typedArrayFromHeap(copy) as Float32Array).set(values);
      gradient = heapOffset(backend, copy);
    }
    for (let n = 0; n < batchSize; n++) gemm(call(n, gradient));
    const result = (backend.typedArrayFromHeap(sums) as Float32Array).subarray(0, size);
    (backend.typedArrayFromHeap(out) as Float32Array).set(result);
    return out;
  } finally {
    for (const info of scratch) backend.disposeData(info.dataId);
  }
}

export const wasmConv2DBackpropFilterKernel: tf.KernelConfig = {
  kernelName: tf.Conv2DBackpropFilter,
  backendName: 'wasm',
  kernelFunc: conv2DBackpropFilter,
};
