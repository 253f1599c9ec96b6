import {
  F32,
  I32,
  V128,
  instantiateOver,
  loopTo,
  op,
  addWidened,
  type Bytes,
  type FunctionDef,
  type ValueType,
} from './wasm-module-builder';

/**
 * Column sums of a row-major float32 [rows, columns] matrix in float64, row by row, as WebAssembly
 * SIMD (four columns a step, each pair of floats widened to doubles and added to two float64
 * sums): the arithmetic of the JS loop over a Float64Array it replaces, so results are the same
 * bits. With `mean`, each value is first divided by `rows` in float32, as the cpu backend's Mean
 * does. `sums` is scratch for 2 × columns floats; `out` receives the sums rounded to float32.
 */
export type WasmLeadingSum = (
  x: number,
  sums: number,
  out: number,
  rows: number,
  columns: number,
  mean: number,
) => void;

const PARAMS = ['x', 'sums', 'out', 'rows', 'columns', 'mean'] as const;
const I32_LOCALS = ['r', 'c', 'px', 'ps', 'wide'] as const;

function leadingSumFunction(): FunctionDef {
  const p = (name: (typeof PARAMS)[number]) => op.get(PARAMS.indexOf(name));
  const l = (name: (typeof I32_LOCALS)[number]) => PARAMS.length + I32_LOCALS.indexOf(name);
  const get = (name: (typeof I32_LOCALS)[number]) => op.get(l(name));
  const value = PARAMS.length + I32_LOCALS.length; // v128
  const count = value + 1; // v128: rows in every lane
  const scalar = value + 2; // f32
  const divideIfMean = (divide: Bytes): Bytes => [...p('mean'), 0x04, 0x40, ...divide, ...op.end];
  // prettier-ignore
  const fourColumns: Bytes = [
    ...get('px'), ...op.v128Load, ...op.set(value),
    ...divideIfMean([...op.get(value), ...op.get(count), ...op.f32x4Div, ...op.set(value)]),
    ...addWidened(get('ps'), op.get(value)),
    ...get('px'), ...op.i32(16), ...op.i32Add, ...op.set(l('px')),
    ...get('ps'), ...op.i32(32), ...op.i32Add, ...op.set(l('ps')),
  ];
  // prettier-ignore
  const oneColumn: Bytes = [
    ...get('px'), ...op.f32Load, ...op.set(scalar),
    ...divideIfMean([...op.get(scalar), ...p('rows'), ...op.f32ConvertI32U, ...op.f32Div, ...op.set(scalar)]),
    ...get('ps'), ...get('ps'), ...op.f64Load, ...op.get(scalar), ...op.f64PromoteF32, ...op.f64Add, ...op.f64Store,
    ...get('px'), ...op.i32(4), ...op.i32Add, ...op.set(l('px')),
    ...get('ps'), ...op.i32(8), ...op.i32Add, ...op.set(l('ps')),
  ];
  // prettier-ignore
  const body: Bytes = [
    ...p('rows'), ...op.f32ConvertI32U, ...op.f32x4Splat, ...op.set(count),
    ...p('columns'), ...op.i32(-4), ...op.i32And, ...op.set(l('wide')),
    ...loopTo(l('c'), [...p('columns'), ...op.i32(1), ...op.i32Shl], [
      ...p('sums'), ...get('c'), ...op.i32(2), ...op.i32Shl, ...op.i32Add, ...op.f32Zero, ...op.f32Store,
    ]),
    ...p('x'), ...op.set(l('px')),
    ...loopTo(l('r'), p('rows'), [
      ...p('sums'), ...op.set(l('ps')),
      ...loopTo(l('c'), [...get('wide'), ...op.i32(2), ...op.i32ShrU], fourColumns),
      ...loopTo(l('c'), [...p('columns'), ...get('wide'), ...op.i32Sub], oneColumn),
    ]),
    ...loopTo(l('c'), p('columns'), [
      ...p('out'), ...get('c'), ...op.i32(2), ...op.i32Shl, ...op.i32Add,
      ...p('sums'), ...get('c'), ...op.i32(3), ...op.i32Shl, ...op.i32Add, ...op.f64Load,
      ...op.f32DemoteF64, ...op.f32Store,
    ]),
  ];
  return {
    name: 'leadingSum',
    params: PARAMS.map((): ValueType => I32),
    locals: [...I32_LOCALS.map((): ValueType => I32), V128, V128, F32],
    body,
  };
}

/** The kernel over `memory`, or null without WebAssembly SIMD. */
export function wasmLeadingSum(memory: WebAssembly.Memory): WasmLeadingSum | null {
  return instantiateOver(memory, leadingSumFunction) as WasmLeadingSum | null;
}
