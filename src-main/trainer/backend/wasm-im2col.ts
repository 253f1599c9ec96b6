import {
  I32,
  instantiateOver,
  loopTo,
  op,
  skipOutside,
  type Bytes,
  type FunctionDef,
  type ValueType,
} from './wasm-module-builder';

/**
 * The transposed patch matrix of a 2-D convolution's input (im2col: one row per filter tap and
 * input channel, one column per output position) written by WebAssembly over the wasm backend's
 * heap, for the filter gradient (wasm-conv2d-backprop-filter.ts). A plain copy, so the values are
 * those of the JS loop it replaces, at a fraction of its cost: per tap, each input position's
 * channels are read in a row and written to their rows. Entries that fall in the padding are not
 * written; the caller zeroes the matrix first.
 */

export interface Im2colCall {
  x: number;
  target: number;
  batch: number;
  inHeight: number;
  inWidth: number;
  inChannels: number;
  outHeight: number;
  outWidth: number;
  filterHeight: number;
  filterWidth: number;
  strideHeight: number;
  strideWidth: number;
  top: number;
  left: number;
  positions: number;
}

export type WasmIm2col = (call: Im2colCall) => void;

const PARAMS = [
  'x',
  'target',
  'batch',
  'inHeight',
  'inWidth',
  'inChannels',
  'outHeight',
  'outWidth',
  'filterHeight',
  'filterWidth',
  'strideHeight',
  'strideWidth',
  'top',
  'left',
  'positions',
] as const;

function im2colFunction(): FunctionDef {
  const p = (name: (typeof PARAMS)[number]) => op.get(PARAMS.indexOf(name));
  const names = ['wR', 'wC', 'b', 'yR', 'yC', 'd', 'xR', 'xC', 'src', 'dst', 'rowBytes'] as const;
  const l = (name: (typeof names)[number]) => PARAMS.length + names.indexOf(name);
  const get = (name: (typeof names)[number]) => op.get(l(name));
  // prettier-ignore
  const copyChannels: Bytes = [
    // src = x + 4·(((b·inH + xR)·inW + xC)·inC)
    ...p('x'), ...get('b'), ...p('inHeight'), ...op.i32Mul, ...get('xR'), ...op.i32Add, ...p('inWidth'), ...op.i32Mul,
    ...get('xC'), ...op.i32Add, ...p('inChannels'), ...op.i32Mul, ...op.i32(2), ...op.i32Shl, ...op.i32Add, ...op.set(l('src')),
    // dst = target + 4·((wR·fw + wC)·inC·positions + (b·outH + yR)·outW + yC)
    ...p('target'), ...get('wR'), ...p('filterWidth'), ...op.i32Mul, ...get('wC'), ...op.i32Add, ...p('inChannels'), ...op.i32Mul,
    ...p('positions'), ...op.i32Mul, ...get('b'), ...p('outHeight'), ...op.i32Mul, ...get('yR'), ...op.i32Add, ...p('outWidth'),
    ...op.i32Mul, ...op.i32Add, ...get('yC'), ...op.i32Add, ...op.i32(2), ...op.i32Shl, ...op.i32Add, ...op.set(l('dst')),
    ...loopTo(l('d'), p('inChannels'), [
      ...get('dst'), ...get('src'), ...op.f32Load, ...op.f32Store,
      ...get('src'), ...op.i32(4), ...op.i32Add, ...op.set(l('src')),
      ...get('dst'), ...get('rowBytes'), ...op.i32Add, ...op.set(l('dst')),
    ]),
  ];
  // prettier-ignore
  const row: Bytes = [
    ...op.block,
    ...get('yR'), ...p('strideHeight'), ...op.i32Mul, ...get('wR'), ...op.i32Add, ...p('top'), ...op.i32Sub, ...op.set(l('xR')),
    ...skipOutside(l('xR'), p('inHeight')),
    ...loopTo(l('yC'), p('outWidth'), [
      ...op.block,
      ...get('yC'), ...p('strideWidth'), ...op.i32Mul, ...get('wC'), ...op.i32Add, ...p('left'), ...op.i32Sub, ...op.set(l('xC')),
      ...skipOutside(l('xC'), p('inWidth')),
      ...copyChannels,
      ...op.end,
    ]),
    ...op.end,
  ];
  const body = [
    ...p('positions'),
    ...op.i32(2),
    ...op.i32Shl,
    ...op.set(l('rowBytes')),
    ...loopTo(
      l('wR'),
      p('filterHeight'),
      loopTo(
        l('wC'),
        p('filterWidth'),
        loopTo(l('b'), p('batch'), loopTo(l('yR'), p('outHeight'), row)),
      ),
    ),
  ];
  return {
    name: 'im2col',
    params: PARAMS.map((): ValueType => I32),
    locals: names.map((): ValueType => I32),
    body,
  };
}

/** The kernel over `memory`. */
export function wasmIm2col(memory: WebAssembly.Memory): WasmIm2col {
  const run = instantiateOver(memory, im2colFunction);
  if (run === null) throw new Error("This WebAssembly engine cannot run Basin's im2col module");
  return (call) => run(...PARAMS.map((name) => call[name]));
}
