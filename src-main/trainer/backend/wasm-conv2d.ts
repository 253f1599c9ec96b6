import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { convBorder, convolvePadded, paddedCopy } from './wasm-conv-padded';
import { wasmGemm } from './wasm-gemm';
import { heapMemory, heapOffset } from './wasm-heap';

/**
 * `Conv2D` and `FusedConv2D` (a conv2d layer's forward: convolution, bias, activation) through
 * Basin's SIMD product over a padded copy of the input (wasm-conv-padded.ts). TF.js's wasm kernels
 * call XNNPACK, which repacks the filter whenever it changed, that is after every optimizer step,
 * and a conv layer with a bias and an activation trains through three kernels (the convolution,
 * an Add and the activation) where this is one pass. Sums are float32 in the filter's tap order,
 * so results match the cpu backend to float32 rounding of the sums. Dilated or grouped
 * convolutions, NCHW data, activations other than linear and relu, and PReLU weights go to the
 * original kernels.
 */

type KernelArgs = Parameters<tf.KernelFunc>[0];

interface ConvAttrs {
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dataFormat: 'NHWC' | 'NCHW';
  dilations: [number, number] | number;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  activation?: string;
}

/** The convolution by Basin's product, or null when it does not take these operands. */
function convolve(
  backend: BackendWasm,
  x: tf.TensorInfo,
  filter: tf.TensorInfo,
  attrs: ConvAttrs,
  dense: { bias: tf.TensorInfo | undefined; relu: boolean },
): tf.TensorInfo | null {
  const dataFormat = tf.backend_util.convertConv2DDataFormat(attrs.dataFormat);
  if (x.dtype !== 'float32' || filter.dtype !== 'float32' || dataFormat !== 'channelsLast') {
    return null;
  }
  const info = tf.backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    filter.shape as [number, number, number, number],
    attrs.strides,
    attrs.dilations,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    dataFormat,
  );
  const bias = dense.bias;
  const plainBias =
    bias === undefined ||
    (bias.dtype === 'float32' && tf.util.sizeFromShape(bias.shape) === info.outChannels);
  if (
    info.dilationHeight !== 1 ||
    info.dilationWidth !== 1 ||
    filter.shape[2] !== info.inChannels ||
    !plainBias
  ) {
    return null;
  }
  const memory = heapMemory(backend);
  const gemm = wasmGemm(memory);
  if (gemm === null) return null;
  const border = convBorder(info);
  const { info: paddedInfo, padded } = paddedCopy(backend, x, border);
  const out = backend.makeOutput(info.outShape, 'float32');
  try {
    const done = convolvePadded(gemm, memory.buffer.byteLength, padded, info, {
      filter: heapOffset(backend, filter),
      out: heapOffset(backend, out),
      bias: bias === undefined ? null : heapOffset(backend, bias),
      relu: dense.relu,
    });
    if (done) return out;
    backend.disposeData(out.dataId);
    return null;
  } finally {
    backend.disposeData(paddedInfo.dataId);
  }
}

/** Wraps the wasm backend's own Conv2D kernel, which must already be registered and set up. */
export function wasmConv2DKernel(original: tf.KernelConfig): tf.KernelConfig {
  const kernelFunc = (args: KernelArgs): tf.TensorInfo | tf.TensorInfo[] => {
    const { x, filter } = args.inputs as { x: tf.TensorInfo; filter: tf.TensorInfo };
    const attrs = args.attrs as unknown as ConvAttrs;
    const backend = args.backend as BackendWasm;
    const dense = { bias: undefined, relu: false };
    return convolve(backend, x, filter, attrs, dense) ?? original.kernelFunc(args);
  };
  return { kernelName: tf.Conv2D, backendName: 'wasm', kernelFunc };
}

/** Wraps the wasm backend's own FusedConv2D kernel, which must already be registered and set up. */
export function wasmFusedConv2DKernel(original: tf.KernelConfig): tf.KernelConfig {
  const kernelFunc = (args: KernelArgs): tf.TensorInfo | tf.TensorInfo[] => {
    const { x, filter, bias, preluActivationWeights } = args.inputs as Record<
      string,
      tf.TensorInfo | undefined
    >;
    const attrs = args.attrs as unknown as ConvAttrs;
    const backend = args.backend as BackendWasm;
    const activation = attrs.activation ?? 'linear';
    const supported =
      (activation === 'linear' || activation === 'relu') && preluActivationWeights === undefined;
    const out = supported
      ? convolve(backend, x as tf.TensorInfo, filter as tf.TensorInfo, attrs, {
          bias,
          relu: activation === 'relu',
        })
      : null;
    return out ?? original.kernelFunc(args);
  };
  return { kernelName: tf.FusedConv2D, backendName: 'wasm', kernelFunc };
}
