import {
  I32,
  loopTo,
  op,
  V128,
  type Bytes,
  type FunctionDef,
  type ValueType,
  instantiateOver,
} from './wasm-module-builder';

/**
 * The max-pool gradient for non-overlapping windows (stride = window, no padding, channels a
 * multiple of 4) as WebAssembly SIMD over the wasm backend's heap, four channels per instruction.
 * Each window is scanned in row order keeping, per channel, the maximum and the position of its
 * first occurrence (a later value wins only when strictly greater, NaN never; the maximum starts at
 * −∞, so a window of NaN or −∞ only passes nothing), then every position of the window is written:
 * the upstream gradient where it is that position, else 0. The same choice as the JS kernel in
 * wasm-max-pool-grad.ts, and each input value is written once: bit-identical to it. Inputs that no
 * window covers (an odd edge) are left to the caller to zero.
 */

/** Byte offsets on the heap and the pooling's sizes. */
export interface PoolGradCall {
  x: number;
  dy: number;
  out: number;
  batch: number;
  inHeight: number;
  inWidth: number;
  channels: number;
  outHeight: number;
  outWidth: number;
  filterHeight: number;
  filterWidth: number;
}

export type SimdMaxPoolGrad = (call: PoolGradCall) => void;

const PARAMS = [
  'x',
  'dy',
  'out',
  'batch',
  'inHeight',
  'inWidth',
  'channels',
  'outHeight',
  'outWidth',
  'filterHeight',
  'filterWidth',
] as const;

function maxPoolGradFunction(): FunctionDef {
  const p = (name: (typeof PARAMS)[number]) => op.get(PARAMS.indexOf(name));
  const locals: ValueType[] = [
    I32,
    I32,
    I32,
    I32,
    I32,
    I32,
    I32,
    I32,
    V128,
    V128,
    V128,
    V128,
    V128,
  ];
  const first = PARAMS.length;
  const [b, yR, yC, group, r, s, k, address] = [0, 1, 2, 3, 4, 5, 6, 7].map((i) => first + i) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const [best, index, value, wins, grad] = [8, 9, 10, 11, 12].map((i) => first + i) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const at = op.get;
  // prettier-ignore
  const channelOffset: Bytes = [...p('channels'), ...op.i32Mul, ...at(group), ...op.i32(4), ...op.i32Mul, ...op.i32Add, ...op.i32(2), ...op.i32Shl];
  // Byte offset of input value (b, yR·fh + r, yC·fw + s, 4·group).
  // prettier-ignore
  const inputAddress: Bytes = [
    ...at(b), ...p('inHeight'), ...op.i32Mul, ...at(yR), ...p('filterHeight'), ...op.i32Mul, ...op.i32Add, ...at(r), ...op.i32Add,
    ...p('inWidth'), ...op.i32Mul, ...at(yC), ...p('filterWidth'), ...op.i32Mul, ...op.i32Add, ...at(s), ...op.i32Add,
    ...channelOffset, ...op.set(address),
  ];
  const window = (body: Bytes): Bytes => [
    ...op.i32(0),
    ...op.set(k),
    ...loopTo(
      r,
      p('filterHeight'),
      loopTo(s, p('filterWidth'), [
        ...inputAddress,
        ...body,
        ...at(k),
        ...op.i32(1),
        ...op.i32Add,
        ...op.set(k),
      ]),
    ),
  ];
  // prettier-ignore
  const scan = window([
    ...p('x'), ...at(address), ...op.i32Add, ...op.v128Load, ...op.set(value),
    ...op.get(value), ...op.get(best), ...op.f32x4Gt, ...op.set(wins),
    ...op.get(value), ...op.get(best), ...op.get(wins), ...op.v128Bitselect, ...op.set(best),
    ...at(k), ...op.i32x4Splat, ...op.get(index), ...op.get(wins), ...op.v128Bitselect, ...op.set(index),
  ]);
  // prettier-ignore
  const scatter = window([
    ...p('out'), ...at(address), ...op.i32Add,
    ...op.get(grad), ...op.get(index), ...at(k), ...op.i32x4Splat, ...op.i32x4Eq, ...op.v128And,
    ...op.v128Store,
  ]);
  // prettier-ignore
  const perGroup: Bytes = [
    ...op.f32NegativeInfinity, ...op.f32x4Splat, ...op.set(best),
    ...op.i32(-1), ...op.i32x4Splat, ...op.set(index),
    ...scan,
    ...p('dy'),
    ...at(b), ...p('outHeight'), ...op.i32Mul, ...at(yR), ...op.i32Add, ...p('outWidth'), ...op.i32Mul, ...at(yC), ...op.i32Add,
    ...channelOffset, ...op.i32Add, ...op.v128Load, ...op.set(grad),
    ...scatter,
  ];
  const groups: Bytes = [...p('channels'), ...op.i32(2), ...op.i32ShrU];
  const body = loopTo(
    b,
    p('batch'),
    loopTo(yR, p('outHeight'), loopTo(yC, p('outWidth'), loopTo(group, groups, perGroup))),
  );
  return { name: 'maxPoolGrad', params: PARAMS.map((): ValueType => I32), locals, body };
}

/** The kernel over `memory`, or null where this WebAssembly engine has no SIMD. */
export function simdMaxPoolGrad(memory: WebAssembly.Memory): SimdMaxPoolGrad | null {
  const run = instantiateOver(memory, maxPoolGradFunction);
  return run === null ? null : (call) => run(...PARAMS.map((name) => call[name]));
}
