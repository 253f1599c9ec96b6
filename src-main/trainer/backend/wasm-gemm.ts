import {
  I32,
  V128,
  op,
  type Bytes,
  type ValueType,
  instantiateOver,
  type FunctionDef,
} from './wasm-module-builder';

/**
 * C = A·B in float32 on the wasm backend's heap, as WebAssembly SIMD, with A and B read where they
 * lie through strides: each 4×8 block of C is eight 4-lane sums kept in registers while k runs,
 * adding A[i, k]·B[k, j…j+7] in k order (a multiply and an add, rounded each).
 *
 * Why strides: XNNPACK, which TF.js's wasm matmul calls, packs B into its own layout on every call
 * whose B it has not seen, and in training B is a weight that changed last step (packing the MLP's
 * 784×256 kernel costs 70% of the product itself); and a convolution is a product whose operands
 * are the input's patches, which need not be copied out (im2col) when each row of A is a run of
 * memory and k walks it in at most two strides. So row r of A starts `aLane` bytes after row r−1;
 * k advances A by `aStep` bytes and B by `bStep`, and after every `inner` values of k both jump on
 * by `aJump` and `bJump` (k runs over `outer` × `inner` values: a convolution's kernel rows × the
 * taps of one row, or an image's output rows × their positions).
 *
 * A dense layer's bias starts the sums and its relu clamps them on the way out: the arithmetic and
 * order of XNNPACK's 4×8 kernel, so products are bit-identical to TF.js's own
 * (wasm-fused-matmul.test.ts). The last m mod 4 rows go through a variant with blocks of fewer
 * rows (a 14-position output row wasted 1/8 of a convolution's work in padding rows); columns past
 * `n` of a row's last block are computed from whatever lies there and not stored, so the caller
 * makes sure those reads stay on the heap (`gemmReach`).
 */
export interface GemmCall {
  a: number;
  aLane: number;
  aStep: number;
  aJump: number;
  b: number;
  bStep: number;
  bJump: number;
  inner: number;
  outer: number;
  c: number;
  /** Bytes from one row of C to the next. */
  cRow: number;
  m: number;
  n: number;
  /** How the sums start: at 0, at `bias` (n values), or at what C holds (C += A·B). */
  start: 'zero' | 'bias' | 'accumulate';
  bias: number;
  relu: boolean;
  /**
   * Products in one call (1 unless given): each next one's A and C start `aGroup` and `cGroup`
   * bytes on, with the same B. A call from JS costs about 0.1 µs, as much as a small product.
   */
  groups?: number;
  aGroup?: number;
  cGroup?: number;
}

const START = { zero: 0, bias: 1, accumulate: 2 } as const;

const PARAMS = [
  'a', 'aLane', 'aStep', 'aJump', 'b', 'bStep', 'bJump', 'inner', 'outer',
  'c', 'cRow', 'm', 'n', 'start', 'bias', 'relu', 'groups', 'aGroup', 'cGroup',
] as const; // prettier-ignore
const I32_LOCALS = ['i', 'j', 'q', 'o', 'pa', 'pb', 'pc', 'cols', 'g', 'ga', 'gc'] as const;
/** Rows of C a block holds; the last m mod 4 rows go through a variant with fewer. */
const ROWS = 4;

type Param = (typeof PARAMS)[number];
type Local = (typeof I32_LOCALS)[number];

function gemmFunction(aLane: number, blockRows: number): FunctionDef {
  const p = (name: Param) => op.get(PARAMS.indexOf(name));
  const l = (name: Local) => PARAMS.length + I32_LOCALS.indexOf(name);
  const get = (name: Local) => op.get(l(name));
  const set = (name: Local) => op.set(l(name));
  // v128 locals: 2 accumulators a row (row r, half h at 2r + h), B's two halves, A's splat a row.
  const acc = (r: number, h: number) => PARAMS.length + I32_LOCALS.length + 2 * r + h;
  const bHalf = (h: number) => PARAMS.length + I32_LOCALS.length + 2 * blockRows + h;
  const aSplat = PARAMS.length + I32_LOCALS.length + 2 * blockRows + 2;
  const rows = Array.from({ length: blockRows }, (_, r) => r);
  const halves = [0, 1] as const;
  const zero = op.f32x4Const(0);
  const load = op.v128LoadAt;
  const store = op.v128StoreAt;
  // Row r of A lies r·aLane bytes after row 0: a constant offset in this variant of the module.
  const loadSplat = (r: number): Bytes => op.f32LoadSplatAt(r * aLane);
  const add = (name: Local, amount: Bytes): Bytes => [
    ...get(name), ...amount, ...op.i32Add, ...set(name),
  ]; // prettier-ignore
  const forTo = (index: Local, limit: Bytes, step: number, body: Bytes): Bytes => [
    ...op.i32(0), ...set(index), ...op.block, ...op.loop,
    ...get(index), ...limit, ...op.i32GeU, ...op.brIf(1),
    ...body,
    ...add(index, op.i32(step)), ...op.br(0),
    ...op.end, ...op.end,
  ]; // prettier-ignore
  const when = (condition: Bytes, body: Bytes): Bytes => [
    ...condition,
    0x04,
    0x40,
    ...body,
    ...op.end,
  ];
  const choose = (condition: Bytes, then: Bytes, otherwise: Bytes): Bytes => [
    ...condition, ...op.ifResult(V128), ...then, ...op.else, ...otherwise, ...op.end,
  ]; // prettier-ignore
  // Byte address of C[i + r, j].
  const cAddress = (r: number): Bytes => [
    ...get('gc'), ...get('i'), ...op.i32(r), ...op.i32Add, ...p('cRow'), ...op.i32Mul, ...op.i32Add,
    ...get('j'), ...op.i32(2), ...op.i32Shl, ...op.i32Add,
  ]; // prettier-ignore
  const startSums: Bytes = rows.flatMap((r) =>
    halves.flatMap((h) => [
      ...choose(
        [...p('start'), ...op.i32(START.bias), ...op.i32Eq],
        [...p('bias'), ...get('j'), ...op.i32(2), ...op.i32Shl, ...op.i32Add, ...load(16 * h)],
        choose(
          [...p('start'), ...op.i32(START.accumulate), ...op.i32Eq],
          [...cAddress(r), ...load(16 * h)],
          zero,
        ),
      ),
      ...op.set(acc(r, h)),
    ]),
  );
  // prettier-ignore
  const kStep: Bytes = [
    ...get('pb'), ...load(0), ...op.set(bHalf(0)), ...get('pb'), ...load(16), ...op.set(bHalf(1)),
    ...rows.flatMap((r) => [...get('pa'), ...loadSplat(r), ...op.set(aSplat + r)]),
    ...rows.flatMap((r) => [
      ...halves.flatMap((h) => [
        ...op.get(acc(r, h)), ...op.get(aSplat + r), ...op.get(bHalf(h)), ...op.f32x4Mul, ...op.f32x4Add,
        ...op.set(acc(r, h)),
      ]),
    ]),
    ...add('pa', p('aStep')),
    ...add('pb', p('bStep')),
  ];
  const jump: Bytes = [...add('pa', p('aJump')), ...add('pb', p('bJump'))];
  const finished = (r: number, h: number): Bytes =>
    choose(p('relu'), [...op.get(acc(r, h)), ...zero, ...op.f32x4Max], op.get(acc(r, h)));
  // A whole block row stores two vectors; the last block of a row that ends mid-block, its lanes.
  const storeRow = (r: number): Bytes => [
    ...cAddress(r), ...set('pc'),
    ...when([...get('cols'), ...op.i32(8), ...op.i32GeU], halves.flatMap((h) => [
      ...get('pc'), ...finished(r, h), ...store(16 * h),
    ])),
    ...when([...get('cols'), ...op.i32(8), ...op.i32LtU], halves.flatMap((h) =>
      [0, 1, 2, 3].flatMap((lane) => when(
        [...op.i32(4 * h + lane), ...get('cols'), ...op.i32LtU],
        [...get('pc'), ...finished(r, h), ...op.f32StoreLaneAt(16 * h + 4 * lane, lane)],
      )),
    )),
  ]; // prettier-ignore
  // prettier-ignore
  const block: Bytes = [
    ...p('n'), ...get('j'), ...op.i32Sub, ...set('cols'),
    ...startSums,
    ...get('ga'), ...get('i'), ...p('aLane'), ...op.i32Mul, ...op.i32Add, ...set('pa'),
    ...p('b'), ...get('j'), ...op.i32(2), ...op.i32Shl, ...op.i32Add, ...set('pb'),
    ...forTo('o', p('outer'), 1, [...forTo('q', p('inner'), 1, kStep), ...jump]),
    ...rows.flatMap(storeRow),
  ];
  // prettier-ignore
  const rowsOfC: Bytes = forTo('i', p('m'), blockRows, [
    ...forTo('j', p('n'), 8, block),
  ]);
  // One product per group: A and C move on by aGroup and cGroup bytes (a convolution's output
  // rows, or a filter gradient's kernel rows), B stays.
  // prettier-ignore
  const body: Bytes = [
    ...p('a'), ...set('ga'), ...p('c'), ...set('gc'),
    ...forTo('g', p('groups'), 1, [
      ...rowsOfC,
      ...add('ga', p('aGroup')), ...add('gc', p('cGroup')),
    ]),
  ];
  return {
    name: 'gemm',
    params: PARAMS.map((): ValueType => I32),
    locals: [
      ...I32_LOCALS.map((): ValueType => I32),
      ...new Array<ValueType>(2 * blockRows + 2 + blockRows).fill(V128),
    ],
    body,
  };
}

type RawGemm = (...args: number[]) => void;

/** Runs one product; see GemmCall. */
export type WasmGemm = (call: GemmCall) => void;

/** One module definition per row distance of A and rows a block (few per model). */
const variants = new Map<number, () => FunctionDef>();

function variant(aLane: number, blockRows: number): () => FunctionDef {
  const key = aLane * 8 + blockRows;
  let define = variants.get(key);
  if (define === undefined) {
    define = () => gemmFunction(aLane, blockRows);
    variants.set(key, define);
  }
  return define;
}

/**
 * The kernel over `memory`, or null without WebAssembly SIMD. A kernel call makes one and calls it
 * for many products (a convolution: one per output row), so it keeps the variants it has used.
 */
export function wasmGemm(memory: WebAssembly.Memory): WasmGemm | null {
  if (instantiateOver(memory, variant(4, ROWS)) === null) return null;
  const used = new Map<number, RawGemm>();
  const variantFor = (aLane: number, blockRows: number): RawGemm => {
    const key = aLane * 8 + blockRows;
    let raw = used.get(key);
    if (raw === undefined) {
      raw = instantiateOver(memory, variant(aLane, blockRows)) as RawGemm;
      used.set(key, raw);
    }
    return raw;
  };
  const run = (call: GemmCall, blockRows: number, m: number, skipped: number) =>
    variantFor(call.aLane, blockRows)(
      call.a + skipped * call.aLane, call.aLane, call.aStep, call.aJump, call.b, call.bStep,
      call.bJump, call.inner, call.outer, call.c + skipped * call.cRow, call.cRow, m, call.n,
      START[call.start], call.bias, +call.relu, call.groups ?? 1, call.aGroup ?? 0, call.cGroup ?? 0,
    ); // prettier-ignore
  return (call) => {
    const tail = call.m % ROWS;
    const whole = call.m - tail;
    if (whole > 0) run(call, ROWS, whole, 0);
    if (tail > 0) run(call, tail, tail, whole);
  };
}

/**
 * One past the last heap byte a call reads, counting the rows and columns of the last blocks that
 * are computed but not stored; a caller whose operands end near the heap's end checks it.
 */
export function gemmReach(call: GemmCall): number {
  const lastRow = call.m - 1;
  const k = call.outer * call.inner;
  const lastGroup = (call.groups ?? 1) - 1;
  const aEnd =
    call.a +
    lastGroup * (call.aGroup ?? 0) +
    lastRow * call.aLane +
    (k - 1) * call.aStep +
    (call.outer - 1) * call.aJump +
    4;
  const lastColumns = Math.ceil(call.n / 8) * 8 * 4;
  const bEnd = call.b + (k - 1) * call.bStep + (call.outer - 1) * call.bJump + lastColumns;
  const biasEnd = call.start === 'bias' ? call.bias + lastColumns : 0;
  const cEnd =
    call.start === 'accumulate'
      ? call.c + lastGroup * (call.cGroup ?? 0) + (call.m - 1) * call.cRow + lastColumns
      : 0;
  return Math.max(aEnd, bEnd, biasEnd, cEnd);
}
