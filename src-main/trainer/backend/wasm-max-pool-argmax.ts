import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { heapMemory, heapOffset } from './wasm-heap';
import { simdPool, type PoolCall } from './wasm-simd-max-pool';

/**
 * Max pooling in training as two kernels of Basin's (max-pool-training.ts): the forward keeps each
 * window's first maximum position per channel next to the pooled output, and the backward routes
 * the gradient by those positions without reading the input again (MaxPoolGrad scans every window
 * a second time). The same scan as wasm-simd-max-pool.ts's MaxPoolGrad, so the gradient is the
 * same bits; the pooled values are the windows' maxima, as TF.js's kernel gives. Non-overlapping
 * windows without padding on NHWC float32 data with channels a multiple of 4 only (`argmaxPoolFits`).
 */
export const MAX_POOL_ARGMAX = 'BasinMaxPoolArgmax';
export const MAX_POOL_ARGMAX_GRAD = 'BasinMaxPoolArgmaxGrad';

/** Whether a pool of `poolSize` windows and `strides` over `shape` (NHWC) fits these kernels. */
export function argmaxPoolFits(
  shape: readonly number[],
  poolSize: readonly [number, number],
  strides: readonly [number, number],
  padding: 'valid' | 'same',
): boolean {
  const [, height, width, channels] = shape as [number, number, number, number];
  const unpadded = padding === 'valid' || (height % poolSize[0] === 0 && width % poolSize[1] === 0);
  return (
    shape.length === 4 &&
    strides[0] === poolSize[0] &&
    strides[1] === poolSize[1] &&
    unpadded &&
    channels % 4 === 0
  );
}

type Sizes = Omit<PoolCall, 'x' | 'dy' | 'out'>;

function sizes(inputShape: readonly number[], filterSize: readonly [number, number]): Sizes {
  const [batch, inHeight, inWidth, channels] = inputShape as [number, number, number, number];
  const [filterHeight, filterWidth] = filterSize;
  const outHeight = Math.floor(inHeight / filterHeight);
  const outWidth = Math.floor(inWidth / filterWidth);
  return { batch, inHeight, inWidth, channels, outHeight, outWidth, filterHeight, filterWidth };
}

function run(backend: BackendWasm, mode: 'forward' | 'argmax', call: PoolCall): void {
  if (!simdPool(heapMemory(backend), mode, call)) {
    throw new Error('Basin’s max-pool kernels need WebAssembly SIMD');
  }
}

function maxPoolArgmax(args: Parameters<tf.KernelFunc>[0]): tf.TensorInfo[] {
  const backend = args.backend as BackendWasm;
  const { x } = args.inputs as { x: tf.TensorInfo };
  const { filterSize } = args.attrs as unknown as { filterSize: [number, number] };
  const size = sizes(x.shape, filterSize);
  const outShape = [size.batch, size.outHeight, size.outWidth, size.channels];
  const y = backend.makeOutput(outShape, 'float32');
  const positions = backend.makeOutput(outShape, 'int32');
  const offsets = { x: heapOffset(backend, x), dy: heapOffset(backend, y) };
  run(backend, 'forward', { ...size, ...offsets, out: heapOffset(backend, positions) });
  return [y, positions];
}

function maxPoolArgmaxGrad(args: Parameters<tf.KernelFunc>[0]): tf.TensorInfo {
  const backend = args.backend as BackendWasm;
  const { dy, positions } = args.inputs as { dy: tf.TensorInfo; positions: tf.TensorInfo };
  const { inputShape, filterSize } = args.attrs as unknown as {
    inputShape: number[];
    filterSize: [number, number];
  };
  const size = sizes(inputShape, filterSize);
  const dx = backend.makeOutput(inputShape, 'float32');
  if (
    size.outHeight * size.filterHeight < size.inHeight ||
    size.outWidth * size.filterWidth < size.inWidth
  ) {
    (backend.typedArrayFromHeap(dx) as Float32Array).fill(0);
  }
  const offsets = { x: heapOffset(backend, positions), dy: heapOffset(backend, dy) };
  run(backend, 'argmax', { ...size, ...offsets, out: heapOffset(backend, dx) });
  return dx;
}

export const wasmMaxPoolArgmaxKernel: tf.KernelConfig = {
  kernelName: MAX_POOL_ARGMAX,
  backendName: 'wasm',
  kernelFunc: maxPoolArgmax,
};

export const wasmMaxPoolArgmaxGradKernel: tf.KernelConfig = {
  kernelName: MAX_POOL_ARGMAX_GRAD,
  backendName: 'wasm',
  kernelFunc: maxPoolArgmaxGrad,
};
