import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { wasmCol2im } from './wasm-col2im';
import { convolvePadded, paddedCopy } from './wasm-conv-padded';
import { wasmGemm } from './wasm-gemm';
import { heapMemory, heapOffset } from './wasm-heap';

/**
 * With stride 1 the input gradient is itself a convolution, of dy in a border of filter size − 1 −
 * padding with the filter turned half a turn and its channel axes swapped:
 * dx[n, i, j, ci] = Σ dy[n, i + kh − top, j + kw − left, co] · W[kh, kw, ci, co] over the taps that
 * fall inside dy. That runs as a forward pass (wasm-conv-padded.ts), with no patch matrix and no
 * scatter. Null when the padding is wider than the filter (the caller then takes the other path).
 */
function stride1InputGradient(
  backend: BackendWasm,
  dy: tf.TensorInfo,
  filter: tf.TensorInfo,
  info: tf.backend_util.Conv2DInfo,
): tf.TensorInfo | null {
  const { filterHeight, filterWidth, inChannels, outChannels } = info;
  const top = filterHeight - 1 - info.padInfo.top;
  const left = filterWidth - 1 - info.padInfo.left;
  if (info.strideHeight !== 1 || info.strideWidth !== 1 || top < 0 || left < 0) return null;
  const height = info.inHeight + filterHeight - 1;
  const width = info.inWidth + filterWidth - 1;
  if (top + info.outHeight > height || left + info.outWidth > width) return null;
  const memory = heapMemory(backend);
  const gemm = wasmGemm(memory);
  if (gemm === null) return null;
  const turned = backend.makeOutput(
    [filterHeight, filterWidth, outChannels, inChannels],
    'float32',
  );
  const geometry = {
    filterHeight,
    filterWidth,
    strideHeight: 1,
    strideWidth: 1,
    outHeight: info.inHeight,
    outWidth: info.inWidth,
    outChannels: inChannels,
  };
  const { info: paddedInfo, padded } = paddedCopy(backend, dy, { top, left, height, width });
  const out = backend.makeOutput(
    [info.batchSize, info.inHeight, info.inWidth, inChannels],
    'float32',
  );
  try {
    const weights = backend.typedArrayFromHeap(filter) as Float32Array;
    const target = backend.typedArrayFromHeap(turned) as Float32Array;
    for (let kh = 0; kh < filterHeight; kh++) {
      for (let kw = 0; kw < filterWidth; kw++) {
        const from = ((filterHeight - 1 - kh) * filterWidth + (filterWidth - 1 - kw)) * inChannels;
        const to = (kh * filterWidth + kw) * outChannels;
        for (let ci = 0; ci < inChannels; ci++) {
          for (let co = 0; co < outChannels; co++) {
            target[(to + co) * inChannels + ci] = weights[(from + ci) * outChannels + co] as number;
          }
        }
      }
    }
    const done = convolvePadded(gemm, memory.buffer.byteLength, padded, geometry, {
      filter: heapOffset(backend, turned),
      out: heapOffset(backend, out),
      bias: null,
      relu: false,
    });
    if (done) return out;
    backend.disposeData(out.dataId);
    return null;
  } finally {
    backend.disposeData(turned.dataId);
    backend.disposeData(paddedInfo.dataId);
  }
}

/**
 * Other strides: the input gradient of a 2-D convolution as one matmul and a scatter: columns = dy · Wᵀ (one row
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
  const convolved = stride1InputGradient(backend, dy, filter, info);
  if (convolved !== null) return convolved;
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
