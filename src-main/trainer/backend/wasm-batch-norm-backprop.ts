import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { heapMemory, heapOffset } from './wasm-heap';
import {
  I32,
  V128,
  instantiateOver,
  loopTo,
  op,
  uleb,
  type Bytes,
  type FunctionDef,
  type ValueType,
} from './wasm-module-builder';

/**
 * The closed-form batch-norm gradient of batch-norm-training.ts in two SIMD passes over x and dy,
 * where its op-by-op form runs about 14 kernels (and as many passes) per layer:
 *   pass 1: x̂ = (x − μ)·invStd, dβ = Σ dy, dγ = Σ dy·x̂ (float64 sums in row order, as Basin's
 *           leading Sum);
 *   pass 2: dx = (dy − (dβ/n + x̂·dγ/n)) · (γ·invStd).
 * Each step is the float32 operation the op-by-op form rounds at, in its order, so results are the
 * same bits (batch-norm-training.test.ts). invStd = rsqrt(σ² + ε) comes in computed by TF.js ops.
 * Channels (the last axis) must be a multiple of 4.
 */
export const BATCH_NORM_BACKPROP = 'BasinBatchNormBackprop';

const PARAMS = [
  'x', 'dy', 'mean', 'invStd', 'gamma', 'dx', 'dGamma', 'dBeta', 'sums', 'rows', 'columns', 'count',
] as const; // prettier-ignore

function batchNormBackpropFunction(): FunctionDef {
  const p = (name: (typeof PARAMS)[number]) => op.get(PARAMS.indexOf(name));
  const integers = ['r', 'c', 'row', 'channel', 'sum'] as const;
  const vectors = ['normalized', 'gradient', 'product', 'a', 'b', 'scale', 'n'] as const;
  const indices = <T extends string>(names: readonly T[], from: number) =>
    Object.fromEntries(names.map((name, i) => [name, from + i])) as Record<T, number>;
  const { r, c, row, channel, sum } = indices(integers, PARAMS.length);
  const { normalized, gradient, product, a, b, scale, n } = indices(
    vectors,
    PARAMS.length + integers.length,
  );
  const simd = (code: number): Bytes => [0xfd, ...uleb(code)];
  const load = (offset = 0): Bytes => [0xfd, ...uleb(0x00), 2, ...uleb(offset)];
  const store = (offset = 0): Bytes => [0xfd, ...uleb(0x0b), 2, ...uleb(offset)];
  const promoteLow = simd(0x5f);
  const f64x2Add = simd(0xf0);
  const demoteToLow = simd(0x5e); // f32x4.demote_f64x2_zero
  const upperHalf: Bytes = [
    ...simd(0x0d),
    ...[8, 9, 10, 11, 12, 13, 14, 15, 8, 9, 10, 11, 12, 13, 14, 15],
  ];
  const at = (base: (typeof PARAMS)[number], offset: Bytes): Bytes => [
    ...p(base), ...offset, ...op.i32Add,
  ]; // prettier-ignore
  const elementBytes: Bytes = [...op.get(row), ...op.get(channel), ...op.i32Add];
  const channelBytes: Bytes = op.get(channel);
  // x̂ for the 4 channels at (row, channel), into `normalized`; dy into `gradient`.
  // prettier-ignore
  const normalize: Bytes = [
    ...at('x', elementBytes), ...load(), ...at('mean', channelBytes), ...load(), ...op.f32x4Sub,
    ...at('invStd', channelBytes), ...load(), ...op.f32x4Mul, ...op.set(normalized),
    ...at('dy', elementBytes), ...load(), ...op.set(gradient),
  ];
  // The doubles at `sum` += one float64 half of the vector in local `value` (half 1: lanes 2, 3).
  const accumulate = (value: number, half: 0 | 1): Bytes => [
    ...op.get(sum), ...op.get(sum), 0xfd, ...uleb(0x00), 3, ...uleb(16 * half),
    ...op.get(value), ...(half === 1 ? [...op.get(value), ...upperHalf] : []), ...promoteLow, ...f64x2Add,
    0xfd, ...uleb(0x0b), 3, ...uleb(16 * half),
  ]; // prettier-ignore
  // The float64 sums' byte offset for `channel` (4 floats, 16 bytes → 4 doubles, 32 bytes).
  const sumAddress: Bytes = [
    ...p('sums'),
    ...op.get(channel),
    ...op.i32(1),
    ...op.i32Shl,
    ...op.i32Add,
  ];
  // prettier-ignore
  const firstPass: Bytes = loopTo(r, p('rows'), [
    ...op.get(r), ...p('columns'), ...op.i32Mul, ...op.i32(2), ...op.i32Shl, ...op.set(row),
    ...loopTo(c, [...p('columns'), ...op.i32(2), ...op.i32ShrU], [
      ...op.get(c), ...op.i32(4), ...op.i32Shl, ...op.set(channel),
      ...normalize,
      // dβ sums at sums[0 … columns), dγ sums at sums[columns … 2·columns) (doubles).
      ...sumAddress, ...op.set(sum),
      ...accumulate(gradient, 0), ...accumulate(gradient, 1),
      ...op.get(gradient), ...op.get(normalized), ...op.f32x4Mul, ...op.set(product),
      ...sumAddress, ...p('columns'), ...op.i32(3), ...op.i32Shl, ...op.i32Add, ...op.set(sum),
      ...accumulate(product, 0), ...accumulate(product, 1),
    ]),
  ]);
  // Two doubles at `address` rounded to float32, as the low half of a vector.
  const rounded = (address: Bytes): Bytes => [
    ...address,
    0xfd,
    ...uleb(0x00),
    3,
    0,
    ...demoteToLow,
  ];
  // prettier-ignore
  const lanes: Bytes = [
    // [lo₀, lo₁, hi₀, hi₁]: both rounded halves side by side.
    ...simd(0x0d), 0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23,
  ];
  // dβ and dγ as float32, four channels at a time.
  // prettier-ignore
  const roundSums: Bytes = loopTo(c, [...p('columns'), ...op.i32(2), ...op.i32ShrU], [
    ...op.get(c), ...op.i32(4), ...op.i32Shl, ...op.set(channel),
    ...sumAddress, ...op.set(sum),
    ...at('dBeta', channelBytes),
    ...rounded(op.get(sum)), ...rounded([...op.get(sum), ...op.i32(16), ...op.i32Add]), ...lanes,
    ...store(),
    ...op.get(sum), ...p('columns'), ...op.i32(3), ...op.i32Shl, ...op.i32Add, ...op.set(sum),
    ...at('dGamma', channelBytes),
    ...rounded(op.get(sum)), ...rounded([...op.get(sum), ...op.i32(16), ...op.i32Add]), ...lanes,
    ...store(),
  ]);
  // prettier-ignore
  const secondPass: Bytes = loopTo(r, p('rows'), [
    ...op.get(r), ...p('columns'), ...op.i32Mul, ...op.i32(2), ...op.i32Shl, ...op.set(row),
    ...loopTo(c, [...p('columns'), ...op.i32(2), ...op.i32ShrU], [
      ...op.get(c), ...op.i32(4), ...op.i32Shl, ...op.set(channel),
      ...normalize,
      ...at('dBeta', channelBytes), ...load(), ...op.get(n), ...op.f32x4Div, ...op.set(a),
      ...at('dGamma', channelBytes), ...load(), ...op.get(n), ...op.f32x4Div, ...op.set(b),
      ...at('gamma', channelBytes), ...load(), ...at('invStd', channelBytes), ...load(), ...op.f32x4Mul,
      ...op.set(scale),
      ...at('dx', elementBytes),
      ...op.get(gradient),
      ...op.get(a), ...op.get(normalized), ...op.get(b), ...op.f32x4Mul, ...op.f32x4Add,
      ...op.f32x4Sub,
      ...op.get(scale), ...op.f32x4Mul,
      ...store(),
    ]),
  ]);
  // prettier-ignore
  const body: Bytes = [
    ...p('count'), 0xb3 /* f32.convert_i32_u */, ...op.f32x4Splat, ...op.set(n),
    // Zero the float64 sums: 2·columns doubles.
    ...loopTo(c, [...p('columns'), ...op.i32(2), ...op.i32Shl], [
      ...p('sums'), ...op.get(c), ...op.i32(2), ...op.i32Shl, ...op.i32Add, 0x43, 0, 0, 0, 0, ...op.f32Store,
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
  const sums = backend.makeOutput([4 * columns], 'float32');
  try {
    const offset = (info: tf.TensorInfo) => heapOffset(backend, info);
    run(
      offset(inputs.x), offset(inputs.dy), offset(inputs.mean), offset(inputs.invStd),
      offset(inputs.gamma), offset(dx), offset(dGamma), offset(dBeta), offset(sums), rows, columns,
      rows,
    ); // prettier-ignore
  } finally {
    backend.disposeData(sums.dataId);
  }
  return [dx, dGamma, dBeta];
}

export const wasmBatchNormBackpropKernel: tf.KernelConfig = {
  kernelName: BATCH_NORM_BACKPROP,
  backendName: 'wasm',
  kernelFunc: batchNormBackprop,
};
