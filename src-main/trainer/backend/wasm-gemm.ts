import {
  I32,
  V128,
  op,
  uleb,
  type Bytes,
  type ValueType,
  instantiateOver,
  type FunctionDef,
} from './wasm-module-builder';

/**
 * C = A·B for row-major float32 A [M, K], B [K, N] and C [M, N] on the wasm backend's heap, as
 * WebAssembly SIMD: each 4×8 block of C is eight 4-lane sums kept in registers while k runs over
 * K, adding A[i, k]·B[k, j…j+7] in k order (a multiply and an add, rounded each). XNNPACK, which
 * TF.js's wasm matmul calls, packs B into its own layout on every call whose B it has not seen,
 * and in training B is a weight that changed last step: packing the MLP's 784×256 kernel costs
 * 70% of the product itself. Read in place, row by row, B needs no packing, and the product runs
 * at XNNPACK's speed or better (node bench/wasm-kernels.ts). M must be a multiple of 4 and N of
 * 8 (`gemmFits`); other shapes go to TF.js's kernel. A dense layer's bias starts the sums and its
 * relu clamps them on the way out: the arithmetic and order of XNNPACK's 4×8 kernel, so results
 * are bit-identical to TF.js's own (wasm-fused-matmul.test.ts).
 */

/**
 * Pointers are byte offsets into the heap; `bias` (0 for none) starts each column's sums, and `relu`
 * (1 or 0) clamps the results at 0, as a dense layer's forward does.
 */
export type WasmGemm = (
  a: number,
  b: number,
  c: number,
  m: number,
  k: number,
  n: number,
  bias: number,
  relu: number,
) => void;

export const gemmFits = (m: number, n: number): boolean => m % 4 === 0 && n % 8 === 0 && n > 0;

const PARAMS = ['a', 'b', 'c', 'm', 'k', 'n', 'bias', 'relu'] as const;
const I32_LOCALS = ['i', 'j', 'kk', 'a0', 'a1', 'a2', 'a3', 'pb', 'pc', 'rowB', 'rowA'] as const;
const ROWS = 4;

function gemmFunction(): FunctionDef {
  const p = (name: (typeof PARAMS)[number]) => op.get(PARAMS.indexOf(name));
  const l = (name: (typeof I32_LOCALS)[number]) => PARAMS.length + I32_LOCALS.indexOf(name);
  const get = (name: (typeof I32_LOCALS)[number]) => op.get(l(name));
  // v128 locals: 8 accumulators (row r, half h at 2r + h), then B's two halves and A's splat.
  const acc = (r: number, h: number) => PARAMS.length + I32_LOCALS.length + 2 * r + h;
  const bHalf = (h: number) => PARAMS.length + I32_LOCALS.length + 2 * ROWS + h;
  const aSplat = PARAMS.length + I32_LOCALS.length + 2 * ROWS + 2;
  const rows = [0, 1, 2, 3] as const;
  const aRow = (r: number) => l(`a${r}` as (typeof I32_LOCALS)[number]);
  const zero: Bytes = [0xfd, ...uleb(0x0c), ...new Array<number>(16).fill(0)];
  const load = (offset: number): Bytes => [0xfd, ...uleb(0x00), 4, ...uleb(offset)];
  const store = (offset: number): Bytes => [0xfd, ...uleb(0x0b), 4, ...uleb(offset)];
  const loadSplat: Bytes = [0xfd, ...uleb(0x09), 2, 0];
  const maxLanes: Bytes = [0xfd, ...uleb(0xe9)];
  const steps = (index: number, limit: Bytes, step: number, body: Bytes): Bytes => [
    ...op.i32(0), ...op.set(index), ...op.block, ...op.loop,
    ...op.get(index), ...limit, ...op.i32GeU, ...op.brIf(1),
    ...body,
    ...op.get(index), ...op.i32(step), ...op.i32Add, ...op.set(index), ...op.br(0),
    ...op.end, ...op.end,
  ]; // prettier-ignore
  // Byte address of row (i + r) of a matrix with `row` bytes a row, plus `column` floats.
  const address = (base: Bytes, r: number, row: Bytes, column: Bytes): Bytes => [
    ...base, ...get('i'), ...op.i32(r), ...op.i32Add, ...row, ...op.i32Mul, ...op.i32Add,
    ...column, ...op.i32(2), ...op.i32Shl, ...op.i32Add,
  ]; // prettier-ignore
  // prettier-ignore
  const kStep: Bytes = [
    ...get('pb'), ...load(0), ...op.set(bHalf(0)), ...get('pb'), ...load(16), ...op.set(bHalf(1)),
    ...rows.flatMap((r) => [
      ...op.get(aRow(r)), ...loadSplat, ...op.set(aSplat),
      ...[0, 1].flatMap((h) => [
        ...op.get(acc(r, h)), ...op.get(aSplat), ...op.get(bHalf(h)), ...op.f32x4Mul, ...op.f32x4Add,
        ...op.set(acc(r, h)),
      ]),
      ...op.get(aRow(r)), ...op.i32(4), ...op.i32Add, ...op.set(aRow(r)),
    ]),
    ...get('pb'), ...get('rowB'), ...op.i32Add, ...op.set(l('pb')),
  ];
  // prettier-ignore
  const block: Bytes = [
    ...rows.flatMap((r) => [0, 1].flatMap((h) => [
      ...p('bias'), ...op.ifResult(V128),
      ...p('bias'), ...get('j'), ...op.i32(2), ...op.i32Shl, ...op.i32Add, ...load(16 * h),
      ...op.else, ...zero, ...op.end, ...op.set(acc(r, h)),
    ])),
    ...rows.flatMap((r) => [...address(p('a'), r, get('rowA'), op.i32(0)), ...op.set(aRow(r))]),
    ...p('b'), ...get('j'), ...op.i32(2), ...op.i32Shl, ...op.i32Add, ...op.set(l('pb')),
    ...steps(l('kk'), p('k'), 1, kStep),
    ...rows.flatMap((r) => [
      ...address(p('c'), r, get('rowB'), get('j')), ...op.set(l('pc')),
      ...[0, 1].flatMap((h) => [
        ...get('pc'),
        ...p('relu'), ...op.ifResult(V128), ...op.get(acc(r, h)), ...zero, ...maxLanes,
        ...op.else, ...op.get(acc(r, h)), ...op.end,
        ...store(16 * h),
      ]),
    ]),
  ];
  // prettier-ignore
  const body: Bytes = [
    ...p('n'), ...op.i32(2), ...op.i32Shl, ...op.set(l('rowB')),
    ...p('k'), ...op.i32(2), ...op.i32Shl, ...op.set(l('rowA')),
    ...steps(l('i'), p('m'), ROWS, steps(l('j'), p('n'), 8, block)),
  ];
  return {
    name: 'gemm',
    params: PARAMS.map((): ValueType => I32),
    locals: [
      ...I32_LOCALS.map((): ValueType => I32),
      ...new Array<ValueType>(2 * ROWS + 3).fill(V128),
    ],
    body,
  };
}

/** The kernel over `memory`, or null without WebAssembly SIMD. */
export function wasmGemm(memory: WebAssembly.Memory): WasmGemm | null {
  return instantiateOver(memory, gemmFunction) as WasmGemm | null;
}
