import type * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { gemmReach, type GemmCall, type WasmGemm } from './wasm-gemm';
import { heapMemory, heapOffset } from './wasm-heap';
import { wasmPaddedCopy } from './wasm-padded-copy-module';

/**
 * A 2-D convolution over channels-last (NHWC) data as products of Basin's SIMD kernel
 * (wasm-gemm.ts) that read the input's patches where they lie, without an im2col copy: the input
 * is first copied into a zero border as wide as the padding, so every tap of every output position
 * is a plain read, and a kernel row's taps (filter width × channels values) are one run of memory.
 * Forward passes and stride-1 input gradients are such convolutions (conv2d-kernels.ts,
 * conv2d-backprop-input.ts); the filter gradient reads the same padded copy
 * (conv2d-backprop-filter.ts).
 */

/** An NHWC tensor inside a zero border on the heap: its byte offset and padded dimensions. */
export interface PaddedInput {
  offset: number;
  batch: number;
  height: number;
  width: number;
  channels: number;
}

export interface ConvGeometry {
  filterHeight: number;
  filterWidth: number;
  strideHeight: number;
  strideWidth: number;
  outHeight: number;
  outWidth: number;
  outChannels: number;
}

/** The zero border a convolution with `info`'s padding and geometry reads within. */
export function convBorder(info: tf.backend_util.Conv2DInfo): {
  top: number;
  left: number;
  height: number;
  width: number;
} {
  const { top, left, bottom, right } = info.padInfo;
  return {
    top,
    left,
    height: Math.max(
      top + info.inHeight + bottom,
      (info.outHeight - 1) * info.strideHeight + info.filterHeight,
    ),
    width: Math.max(
      left + info.inWidth + right,
      (info.outWidth - 1) * info.strideWidth + info.filterWidth,
    ),
  };
}

/**
 * `x` (NHWC) copied into a zero border: `top` rows and `left` columns before it, and as many after
 * as make the padded `height` × `width`; the caller disposes it.
 */
export function paddedCopy(
  backend: BackendWasm,
  x: tf.TensorInfo,
  border: { top: number; left: number; height: number; width: number },
): { info: tf.TensorInfo; padded: PaddedInput } {
  const [batch, height, width, channels] = x.shape as [number, number, number, number];
  const info = backend.makeOutput([batch, border.height, border.width, channels], 'float32');
  const offset = heapOffset(backend, info);
  wasmPaddedCopy(heapMemory(backend))({
    source: heapOffset(backend, x),
    target: offset,
    batch,
    height,
    width,
    channels,
    paddedHeight: border.height,
    paddedWidth: border.width,
    top: border.top,
    left: border.left,
  });
  return {
    info,
    padded: { offset, batch, height: border.height, width: border.width, channels },
  };
}

/**
 * out[n, oh, ow, :] = act(bias + Σ over the filter's taps of input[n, oh·sh + kh, ow·sw + kw, ci] ·
 * filter[kh, kw, ci, :]), one product per output row (one call per image): its positions are the rows of A, 4 at a time
 * `sw` pixels apart, and k runs over each kernel row's taps in memory order, then jumps to the next
 * kernel row. The filter is B, read in place ([kh, kw, ci] × outChannels, row-major). Returns false,
 * computing nothing, when a read would leave the heap (the caller then uses TF.js's kernel).
 */
export function convolvePadded(
  gemm: WasmGemm,
  heapBytes: number,
  input: PaddedInput,
  geometry: ConvGeometry,
  buffers: { filter: number; out: number; bias: number | null; relu: boolean },
): boolean {
  const { filterHeight, filterWidth, strideHeight, strideWidth } = geometry;
  const { outHeight, outWidth, outChannels } = geometry;
  const pixel = 4 * input.channels;
  // One call per image, its output rows as the groups.
  const call = (n: number): GemmCall => ({
    a: input.offset + n * input.height * input.width * pixel,
    aLane: strideWidth * pixel,
    aStep: 4,
    aJump: (input.width - filterWidth) * pixel,
    b: buffers.filter,
    bStep: 4 * outChannels,
    bJump: 0,
    inner: filterWidth * input.channels,
    outer: filterHeight,
    c: buffers.out + n * outHeight * outWidth * 4 * outChannels,
    cRow: 4 * outChannels,
    m: outWidth,
    n: outChannels,
    start: buffers.bias === null ? 'zero' : 'bias',
    bias: buffers.bias ?? 0,
    relu: buffers.relu,
    groups: outHeight,
    aGroup: strideHeight * input.width * pixel,
    cGroup: outWidth * 4 * outChannels,
  });
  if (input.batch === 0 || outHeight === 0 || outWidth === 0) return true;
  if (gemmReach(call(input.batch - 1)) > heapBytes) return false;
  for (let n = 0; n < input.batch; n++) gemm(call(n));
  return true;
}
