import {
  I32,
  loopTo,
  op,
  V128,
  type Bytes,
  type FunctionDef,
  type ValueType,
  instantiateOver,
  localIndices,
} from './wasm-module-builder';

/**
 * Max pooling over non-overlapping windows (stride = window, no padding, channels a multiple of 4)
 * as WebAssembly SIMD over the wasm backend's heap, four channels per instruction. Each window is
 * scanned in row order keeping, per channel, the maximum and the position of its first occurrence
 * (a later value wins only when strictly greater, NaN never; the maximum starts at −∞, so a window
 * of NaN or −∞ only passes nothing). Three functions share that scan:
 * - `gradient` (MaxPoolGrad): scan x, then write every position of the window: the upstream
 *   gradient where it is that position, else 0. The same choice as the JS kernel in
 *   wasm-max-pool-grad.ts, and each input value is written once: bit-identical to it.
 * - `forward`: scan x, then write the maximum and its window position (0 … window size − 1, −1 for
 *   a window that passes nothing), for `argmax` below.
 * - `argmax`: the gradient from those positions, without reading x again.
 * Inputs that no window covers (an odd edge) are left to the caller to zero.
 */

/**
 * Byte offsets on the heap and the pooling's sizes. `x`, `dy`, `out` are, per mode: gradient: the
 * input, the upstream gradient, the input gradient; forward: the input, the pooled output, the
 * positions (int32); argmax: the positions, the upstream gradient, the input gradient.
 */
export interface PoolCall {
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

export type PoolMode = 'gradient' | 'forward' | 'argmax';

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

/** What a module variant has built in: the window's size and the input's row and pixel bytes. */
interface Window {
  height: number;
  width: number;
  rowBytes: number;
  pixelBytes: number;
}

function poolFunction(mode: PoolMode, window: Window): FunctionDef {
  const p = (name: (typeof PARAMS)[number]) => op.get(PARAMS.indexOf(name));
  const integers = ['b', 'yR', 'yC', 'group', 'corner'] as const;
  const vectors = ['best', 'index', 'value', 'wins', 'grad'] as const;
  const locals: ValueType[] = [
    ...integers.map((): ValueType => I32),
    ...vectors.map((): ValueType => V128),
  ];
  const { b, yR, yC, group, corner } = localIndices(integers, PARAMS.length);
  const { best, index, value, wins, grad } = localIndices(vectors, PARAMS.length + integers.length);
  const at = op.get;
  const [load, store] = [op.v128LoadAt, op.v128StoreAt];
  // prettier-ignore
  const channelOffset: Bytes = [...p('channels'), ...op.i32Mul, ...at(group), ...op.i32(4), ...op.i32Mul, ...op.i32Add, ...op.i32(2), ...op.i32Shl];
  // Byte offset of input value (b, yR·fh, yC·fw, 4·group): the window's first position. The others
  // lie at offsets this variant has built in, so the window is unrolled.
  // prettier-ignore
  const windowCorner: Bytes = [
    ...at(b), ...p('inHeight'), ...op.i32Mul, ...at(yR), ...p('filterHeight'), ...op.i32Mul, ...op.i32Add,
    ...p('inWidth'), ...op.i32Mul, ...at(yC), ...p('filterWidth'), ...op.i32Mul, ...op.i32Add,
    ...channelOffset, ...op.set(corner),
  ];
  const positions = Array.from({ length: window.height * window.width }, (_, k) => ({
    k,
    offset: Math.floor(k / window.width) * window.rowBytes + (k % window.width) * window.pixelBytes,
  }));
  // prettier-ignore
  const scan: Bytes = positions.flatMap(({ k, offset }) => [
    ...p('x'), ...at(corner), ...op.i32Add, ...load(offset), ...op.set(value),
    ...op.get(value), ...op.get(best), ...op.f32x4Gt, ...op.set(wins),
    ...op.get(value), ...op.get(best), ...op.get(wins), ...op.v128Bitselect, ...op.set(best),
    ...op.i32(k), ...op.i32x4Splat, ...op.get(index), ...op.get(wins), ...op.v128Bitselect, ...op.set(index),
  ]);
  // prettier-ignore
  const scatter: Bytes = positions.flatMap(({ k, offset }) => [
    ...p('out'), ...at(corner), ...op.i32Add,
    ...op.get(grad), ...op.get(index), ...op.i32(k), ...op.i32x4Splat, ...op.i32x4Eq, ...op.v128And,
    ...store(offset),
  ]);
  // Byte offset of output value (b, yR, yC, 4·group), added to `base`.
  // prettier-ignore
  const outputAt = (base: Bytes): Bytes => [
    ...base,
    ...at(b), ...p('outHeight'), ...op.i32Mul, ...at(yR), ...op.i32Add, ...p('outWidth'), ...op.i32Mul, ...at(yC), ...op.i32Add,
    ...channelOffset, ...op.i32Add,
  ];
  // prettier-ignore
  const scanned: Bytes = [
    ...windowCorner,
    ...op.f32NegativeInfinity, ...op.f32x4Splat, ...op.set(best),
    ...op.i32(-1), ...op.i32x4Splat, ...op.set(index),
    ...scan,
  ];
  // prettier-ignore
  const perGroup: Bytes = {
    gradient: [...scanned, ...outputAt(p('dy')), ...op.v128Load, ...op.set(grad), ...scatter],
    forward: [
      ...scanned,
      ...outputAt(p('dy')), ...op.get(best), ...op.v128Store,
      ...outputAt(p('out')), ...op.get(index), ...op.v128Store,
    ],
    argmax: [
      ...windowCorner,
      ...outputAt(p('x')), ...op.v128Load, ...op.set(index),
      ...outputAt(p('dy')), ...op.v128Load, ...op.set(grad),
      ...scatter,
    ],
  }[mode];
  const groups: Bytes = [...p('channels'), ...op.i32(2), ...op.i32ShrU];
  const body = loopTo(
    b,
    p('batch'),
    loopTo(yR, p('outHeight'), loopTo(yC, p('outWidth'), loopTo(group, groups, perGroup))),
  );
  return { name: `maxPool_${mode}`, params: PARAMS.map((): ValueType => I32), locals, body };
}

/** One module definition per mode and window (few per model: one per pooling layer). */
const variants = new Map<string, () => FunctionDef>();

/** The function for `mode` over `memory`, or null where this WebAssembly engine has no SIMD. */
export function simdPool(memory: WebAssembly.Memory, mode: PoolMode, call: PoolCall): boolean {
  const window: Window = {
    height: call.filterHeight,
    width: call.filterWidth,
    rowBytes: 4 * call.inWidth * call.channels,
    pixelBytes: 4 * call.channels,
  };
  const key = `${mode} ${window.height} ${window.width} ${window.rowBytes} ${window.pixelBytes}`;
  let define = variants.get(key);
  if (define === undefined) {
    define = () => poolFunction(mode, window);
    variants.set(key, define);
  }
  const run = instantiateOver(memory, define);
  if (run === null) return false;
  run(...PARAMS.map((name) => call[name]));
  return true;
}
