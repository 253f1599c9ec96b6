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
 * The scatter of a convolution's input gradient (col2im): each column of `dy · Wᵀ` (one row per
 * output position, one column per filter tap and input channel) added back to the input value it
 * came from, by WebAssembly over the wasm backend's heap, for wasm-conv2d-backprop-input.ts. The
 * sums are float64 in a scratch buffer, in the order of the JS loop this replaces (position, then
 * tap, then channel), then rounded to float32: bit-identical to it.
 */

export interface Col2imCall {
  columns: number;
  /** float64 scratch of `total` values. */
  sums: number;
  out: number;
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
  /** Values of the input gradient. */
  total: number;
}

export type WasmCol2im = (call: Col2imCall) => void;

const PARAMS = [
  'columns',
  'sums',
  'out',
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
  'total',
] as const;

function col2imFunction(): FunctionDef {
  const p = (name: (typeof PARAMS)[number]) => op.get(PARAMS.indexOf(name));
  const names = [
    'i',
    'b',
    'yR',
    'yC',
    'wR',
    'wC',
    'd',
    'xR',
    'xC',
    'src',
    'dst',
    'column',
  ] as const;
  const l = (name: (typeof names)[number]) => PARAMS.length + names.indexOf(name);
  const get = (name: (typeof names)[number]) => op.get(l(name));
  // prettier-ignore
  const addChannels: Bytes = [
    // src = columns + 4·(column + (wR·fw + wC)·inC)
    ...p('columns'), ...get('column'), ...get('wR'), ...p('filterWidth'), ...op.i32Mul, ...get('wC'), ...op.i32Add,
    ...p('inChannels'), ...op.i32Mul, ...op.i32Add, ...op.i32(2), ...op.i32Shl, ...op.i32Add, ...op.set(l('src')),
    // dst = sums + 8·(((b·inH + xR)·inW + xC)·inC)
    ...p('sums'), ...get('b'), ...p('inHeight'), ...op.i32Mul, ...get('xR'), ...op.i32Add, ...p('inWidth'), ...op.i32Mul,
    ...get('xC'), ...op.i32Add, ...p('inChannels'), ...op.i32Mul, ...op.i32(3), ...op.i32Shl, ...op.i32Add, ...op.set(l('dst')),
    ...loopTo(l('d'), p('inChannels'), [
      ...get('dst'), ...get('dst'), ...op.f64Load, ...get('src'), ...op.f32Load, ...op.f64PromoteF32, ...op.f64Add, ...op.f64Store,
      ...get('src'), ...op.i32(4), ...op.i32Add, ...op.set(l('src')),
      ...get('dst'), ...op.i32(8), ...op.i32Add, ...op.set(l('dst')),
    ]),
  ];
  // prettier-ignore
  const taps: Bytes = loopTo(l('wR'), p('filterHeight'), [
    ...op.block,
    ...get('yR'), ...p('strideHeight'), ...op.i32Mul, ...get('wR'), ...op.i32Add, ...p('top'), ...op.i32Sub, ...op.set(l('xR')),
    ...skipOutside(l('xR'), p('inHeight')),
    ...loopTo(l('wC'), p('filterWidth'), [
      ...op.block,
      ...get('yC'), ...p('strideWidth'), ...op.i32Mul, ...get('wC'), ...op.i32Add, ...p('left'), ...op.i32Sub, ...op.set(l('xC')),
      ...skipOutside(l('xC'), p('inWidth')),
      ...addChannels,
      ...op.end,
    ]),
    ...op.end,
  ]);
  // prettier-ignore
  const position: Bytes = [
    // column = ((b·outH + yR)·outW + yC)·fh·fw·inC
    ...get('b'), ...p('outHeight'), ...op.i32Mul, ...get('yR'), ...op.i32Add, ...p('outWidth'), ...op.i32Mul, ...get('yC'), ...op.i32Add,
    ...p('filterHeight'), ...op.i32Mul, ...p('filterWidth'), ...op.i32Mul, ...p('inChannels'), ...op.i32Mul, ...op.set(l('column')),
    ...taps,
  ];
  // prettier-ignore
  const body = [
    ...loopTo(l('i'), p('total'), [...p('sums'), ...get('i'), ...op.i32(3), ...op.i32Shl, ...op.i32Add, ...op.f64Zero, ...op.f64Store]),
    ...loopTo(l('b'), p('batch'), loopTo(l('yR'), p('outHeight'), loopTo(l('yC'), p('outWidth'), position))),
    ...loopTo(l('i'), p('total'), [
      ...p('out'), ...get('i'), ...op.i32(2), ...op.i32Shl, ...op.i32Add,
      ...p('sums'), ...get('i'), ...op.i32(3), ...op.i32Shl, ...op.i32Add, ...op.f64Load, ...op.f32DemoteF64, ...op.f32Store,
    ]),
  ];
  return {
    name: 'col2im',
    params: PARAMS.map((): ValueType => I32),
    locals: names.map((): ValueType => I32),
    body,
  };
}

/** The kernel over `memory`. */
export function wasmCol2im(memory: WebAssembly.Memory): WasmCol2im {
  const run = instantiateOver(memory, col2imFunction);
  if (run === null) throw new Error("This WebAssembly engine cannot run Basin's col2im module");
  return (call) => run(...PARAMS.map((name) => call[name]));
}
