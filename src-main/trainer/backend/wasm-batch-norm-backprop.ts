import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { heapMemory, heapOffset } from './wasm-heap';
import {
  I32,
  V128,
  instantiateOver,
  addWidened,
  localIndices,
  loopTo,
  op,
  type Bytes,
  type FunctionDef,
  type ValueType,
} from './wasm-module-builder';

/**
 * The closed-form batch-norm gradient of batch-norm-training.ts in two SIMD passes over x and dy,
 * where its op-by-op form runs about 14 kernels (and as many passes) per layer:
 *   pass 1: x̂ = (x − μ)·invStd, dβ = Σ dy, dγ = Σ dy·x̂ (float64 sums in row order, as Basin's
 *           leading Sum);
 *   pass 2: dx = (dy − (dβ/n + x̂·dγ/n)) · (γ·invStd), the three factors taken once per channel.
 * Each step is the float32 operation the op-by-op form rounds at, in its order, so results are the
 * same bits (batch-norm-training.test.ts). invStd = rsqrt(σ² + ε) comes in computed by TF.js ops.
 * Channels (the last axis) must be a multiple of 4.
 */
export const BATCH_NORM_BACKPROP = 'BasinBatchNormBackprop';

const PARAMS = [
  'x', 'dy', 'mean', 'invStd', 'gamma', 'dx', 'dGamma', 'dBeta', 'scratch', 'rows', 'columns',
] as const; // prettier-ignore

/**
 * The scratch buffer, in bytes from its start for `columns` channels: the float64 sums of dβ and
 * of dγ, then the per-channel factors of pass 2 as float32: dβ/n, dγ/n and γ·invStd.
 */
const scratchLayout = (columns: Bytes) => {
  const times = (bytesPerChannel: number): Bytes => [
    ...columns, ...op.i32(bytesPerChannel), ...op.i32Mul,
  ]; // prettier-ignore
  return { dGammaSums: times(8), betaTerm: times(16), gammaTerm: times(20), scale: times(24) };
};
const SCRATCH_FLOATS_PER_CHANNEL = 7;

function batchNormBackpropFunction(): FunctionDef {
  const p = (name: (typeof PARAMS)[number]) => op.get(PARAMS.indexOf(name));
  const integers = ['r', 'c', 'row', 'channel', 'sum'] as const;
  const vectors = ['normalized', 'gradient', 'product', 'n'] as const;
  const { r, c, row, channel, sum } = localIndices(integers, PARAMS.length);
  const { normalized, gradient, product, n } = localIndices(
    vectors,
    PARAMS.length + integers.length,
  );
  const layout = scratchLayout(p('columns'));
  const load = op.v128Load;
  const store = op.v128Store;
  const at = (base: Bytes, offset: Bytes): Bytes => [...base, ...offset, ...op.i32Add];
  const elementBytes: Bytes = [...op.get(row), ...op.get(channel), ...op.i32Add];
  const channelBytes: Bytes = op.get(channel);
  // The pass-2 factor at `part` of the scratch, for the 4 channels at `channel`.
  const term = (part: Bytes): Bytes => at(at(p('scratch'), part), channelBytes);
  // x̂ for the 4 channels at (row, channel), into `normalized`; dy into `gradient`.
  // prettier-ignore
  const normalize: Bytes = [
    ...at(p('x'), elementBytes), ...load, ...at(p('mean'), channelBytes), ...load, ...op.f32x4Sub,
    ...at(p('invStd'), channelBytes), ...load, ...op.f32x4Mul, ...op.set(normalized),
    ...at(p('dy'), elementBytes), ...load, ...op.set(gradient),
  ];
  // The float64 sums' byte offset for `channel` (4 floats, 16 bytes → 4 doubles, 32 bytes).
  // prettier-ignore
  const sumAddress: Bytes = [...p('scratch'), ...op.get(channel), ...op.i32(1), ...op.i32Shl, ...op.i32Add];
  const eachChannelGroup = (body: Bytes): Bytes =>
    loopTo(
      c,
      [...p('columns'), ...op.i32(2), ...op.i32ShrU],
      [...op.get(c), ...op.i32(4), ...op.i32Shl, ...op.set(channel), ...body],
    );
  const eachElementGroup = (body: Bytes): Bytes =>
    loopTo(r, p('rows'), [
      ...op.get(r),
      ...p('columns'),
      ...op.i32Mul,
      ...op.i32(2),
      ...op.i32Shl,
      ...op.set(row),
      ...eachChannelGroup(body),
    ]);
  // prettier-ignore
  const firstPass: Bytes = eachElementGroup([
    ...normalize,
    ...sumAddress, ...op.set(sum),
    ...addWidened(op.get(sum), op.get(gradient)),
    ...op.get(gradient), ...op.get(normalized), ...op.f32x4Mul, ...op.set(product),
    ...addWidened(at(op.get(sum), layout.dGammaSums), op.get(product)),
  ]);
  // The four doubles at `address` rounded to float32: [lo₀, lo₁] and [hi₀, hi₁] side by side.
  // prettier-ignore
  const rounded = (address: Bytes): Bytes => [
    ...address, ...load, ...op.f32x4DemoteF64x2Zero,
    ...address, ...op.v128LoadAt(16), ...op.f32x4DemoteF64x2Zero,
    ...op.i8x16Shuffle([0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23]),
  ];
  // dβ and dγ as float32, and the factors pass 2 multiplies by, four channels at a time.
  // prettier-ignore
  const roundSums: Bytes = eachChannelGroup([
    ...sumAddress, ...op.set(sum),
    ...at(p('dBeta'), channelBytes), ...rounded(op.get(sum)), ...store,
    ...at(p('dGamma'), channelBytes), ...rounded(at(op.get(sum), layout.dGammaSums)), ...store,
    ...term(layout.betaTerm), ...at(p('dBeta'), channelBytes), ...load, ...op.get(n), ...op.f32x4Div,
    ...store,
    ...term(layout.gammaTerm), ...at(p('dGamma'), channelBytes), ...load, ...op.get(n), ...op.f32x4Div,
    ...store,
    ...term(layout.scale), ...at(p('gamma'), channelBytes), ...load,
    ...at(p('invStd'), channelBytes), ...load, ...op.f32x4Mul, ...store,
  ]);
  // prettier-ignore
  const secondPass: Bytes = eachElementGroup([
    ...normalize,
    ...at(p('dx'), elementBytes),
    ...op.get(gradient),
    ...term(layout.betaTerm), ...load, ...op.get(normalized), ...term(layout.gammaTerm), ...load,
    ...op.f32x4Mul, ...op.f32x4Add, ...op.f32x4Sub,
    ...term(layout.scale), ...load, ...op.f32x4Mul,
    ...store,
  ]);
  // prettier-ignore
  const body: Bytes = [
    ...p('rows'), ...op.f32ConvertI32U, ...op.f32x4Splat, ...op.set(n),
    // Zero the float64 sums: 2·columns doubles.
    ...loopTo(c, [...p('columns'), ...op.i32(2), ...op.i32Shl], [
      ...p('scratch'), ...op.get(c), ...op.i32(2), ...op.i32Shl, ...op.i32Add, ...op.f32Zero, ...op.f32Store,
    ]),
    ...firstPass,
    ...roundSums,
    ...secondPass,
  ];
  return {
    name: 'batchNormBackprop',
    params: PARAMS.map((): ValueType => I32),
    locals: [...integers.map((): ValueType => I32), ...vectors.map((): ValueType => V128)],
    body,
  };
}

function batchNormBackprop(args: Parameters<tf.KernelFunc>[0]): tf.TensorInfo[] {
  const backend = args.backend as BackendWasm;
  const inputs = args.inputs as Record<'x' | 'dy' | 'mean' | 'invStd' | 'gamma', tf.TensorInfo>;
  const columns = inputs.x.shape.at(-1) as number;
  const rows = tf.util.sizeFromShape(inputs.x.shape) / columns;
  const run = instantiateOver(heapMemory(backend), batchNormBackpropFunction);
  if (run === null) throw new Error(`${BATCH_NORM_BACKPROP} needs WebAssembly SIMD`);
  const dx = backend.makeOutput(inputs.x.shape, 'float32');
  const dGamma = backend.makeOutput([columns], 'float32');
  const dBeta = backend.makeOutput([columns], 'float32');
  const scratch = backend.makeOutput([SCRATCH_FLOATS_PER_CHANNEL * columns], 'float32');
  try {
    const offset = (info: tf.TensorInfo) => heapOffset(backend, info);
    run(
      offset(inputs.x), offset(inputs.dy), offset(inputs.mean), offset(inputs.invStd),
      offset(inputs.gamma), offset(dx), offset(dGamma), offset(dBeta), offset(scratch), rows,
      columns,
    ); // prettier-ignore
  } finally {
    backend.disposeData(scratch.dataId);
  }
  return [dx, dGamma, dBeta];
}

export const wasmBatchNormBackpropKernel: tf.KernelConfig = {
  kernelName: BATCH_NORM_BACKPROP,
  backendName: 'wasm',
  kernelFunc: batchNormBackprop,
};
