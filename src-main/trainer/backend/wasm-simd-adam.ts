import type { AdamScalars } from '../optim/fused-step';
import {
  F32,
  F64,
  I32,
  op,
  V128,
  type Bytes,
  type FunctionDef,
  type ValueType,
  instantiateOver,
} from './wasm-module-builder';

/**
 * Adam/AdamW for one parameter as WebAssembly SIMD over the wasm backend's heap: four values per
 * instruction, then the remainder one by one. Every operation is a float32 IEEE operation in the
 * order of `fused-step.ts`'s scalar loop (which rounds each JS result to float32 exactly there), so
 * new weights and slots are bit-identical to it, and so to the op-by-op path on cpu; the squared
 * norms are summed in float64 in element order, as that loop does. The scalar JS loop costs about
 * 11 ns a value (two divisions and a square root in float64): slower than wasm's op-by-op path on
 * large weights, which is why only small ones were fused before; this kernel fuses every size.
 */

/** Byte offsets on the heap of the arrays one step reads and writes. */
export interface AdamPointers {
  param: number;
  grad: number;
  nextParam: number;
  expAvg: number;
  nextExpAvg: number;
  expAvgSq: number;
  nextExpAvgSq: number;
  /** Receives Σg², Σ(p′ − p)², Σp′² as float32. */
  squares: number;
}

export type SimdAdam = (pointers: AdamPointers, size: number, s: AdamScalars) => void;

const POINTER_PARAMS = [
  'param',
  'grad',
  'nextParam',
  'expAvg',
  'nextExpAvg',
  'expAvgSq',
  'nextExpAvgSq',
] as const;
const SCALARS = [
  'shrink',
  'decay',
  'beta1',
  'beta2',
  'keep1',
  'keep2',
  'stepSize',
  'correction2',
  'eps',
] as const;
type Scalar = (typeof SCALARS)[number];

function adamFunction(): FunctionDef {
  // Parameters: 7 pointers, size, mode, 9 scalars, the squares pointer.
  const params: ValueType[] = [
    ...POINTER_PARAMS.map((): ValueType => I32),
    I32,
    I32,
    ...SCALARS.map((): ValueType => F32),
    I32,
  ];
  const pointer = (name: (typeof POINTER_PARAMS)[number]) => POINTER_PARAMS.indexOf(name);
  const [size, mode] = [7, 8];
  const scalarParam = (name: Scalar) => 9 + SCALARS.indexOf(name);
  const squares = 9 + SCALARS.length;
  const locals: ValueType[] = [];
  const local = (type: ValueType) => params.length + locals.push(type) - 1;
  const [i, offset] = [local(I32), local(I32)];
  const sums = [local(F64), local(F64), local(F64)];
  const splat = Object.fromEntries(SCALARS.map((name) => [name, local(V128)])) as Record<
    Scalar,
    number
  >;
  const vectors = {
    g: local(V128),
    p0: local(V128),
    pi: local(V128),
    gi: local(V128),
    m: local(V128),
    v: local(V128),
    pn: local(V128),
    t: local(V128),
  };
  const scalars = {
    g: local(F32),
    p0: local(F32),
    pi: local(F32),
    gi: local(F32),
    m: local(F32),
    v: local(F32),
    pn: local(F32),
    t: local(F32),
  };

  const element = (simd: boolean): Bytes => {
    const r = simd ? vectors : scalars;
    const type = simd ? V128 : F32;
    const c = (name: Scalar) => op.get(simd ? splat[name] : scalarParam(name));
    const [add, sub, mul, div, sqrt] = simd
      ? [op.f32x4Add, op.f32x4Sub, op.f32x4Mul, op.f32x4Div, op.f32x4Sqrt]
      : [op.f32Add, op.f32Sub, op.f32Mul, op.f32Div, op.f32Sqrt];
    const address = (name: (typeof POINTER_PARAMS)[number]) => [
      ...op.get(pointer(name)),
      ...op.get(offset),
      ...op.i32Add,
    ];
    const load = (name: (typeof POINTER_PARAMS)[number]) => [
      ...address(name),
      ...(simd ? op.v128Load : op.f32Load),
    ];
    const store = simd ? op.v128Store : op.f32Store;
    // Adds the value on the stack (its lanes in order) into the float64 sum `k`.
    const accumulate = (k: number): Bytes => {
      const sum = sums[k] as number;
      if (!simd) return [...op.f64PromoteF32, ...op.get(sum), ...op.f64Add, ...op.set(sum)];
      return [
        ...op.set(r.t),
        ...[0, 1, 2, 3].flatMap((lane) => [
          ...op.get(sum),
          ...op.get(r.t),
          ...op.f32x4Lane(lane),
          ...op.f64PromoteF32,
          ...op.f64Add,
          ...op.set(sum),
        ]),
      ];
    };
    return [
      ...load('grad'),
      ...op.set(r.g),
      ...load('param'),
      ...op.set(r.p0),
      // AdamW decoupled shrinks the weights; coupled adds the decay to the gradient.
      ...op.get(mode),
      ...op.i32(1),
      ...op.i32Eq,
      ...op.ifResult(type),
      ...op.get(r.p0),
      ...c('shrink'),
      ...mul,
      ...op.else,
      ...op.get(r.p0),
      ...op.end,
      ...op.set(r.pi),
      ...op.get(mode),
      ...op.i32(2),
      ...op.i32Eq,
      ...op.ifResult(type),
      ...op.get(r.g),
      ...op.get(r.p0),
      ...c('decay'),
      ...mul,
      ...add,
      ...op.else,
      ...op.get(r.g),
      ...op.end,
      ...op.set(r.gi),
      // m′ = m·β₁ + g·(1 − β₁)
      ...address('nextExpAvg'),
      ...load('expAvg'),
      ...c('beta1'),
      ...mul,
      ...op.get(r.gi),
      ...c('keep1'),
      ...mul,
      ...add,
      ...op.tee(r.m),
      ...store,
      // v′ = v·β₂ + g²·(1 − β₂)
      ...address('nextExpAvgSq'),
      ...load('expAvgSq'),
      ...c('beta2'),
      ...mul,
      ...op.get(r.gi),
      ...op.get(r.gi),
      ...mul,
      ...c('keep2'),
      ...mul,
      ...add,
      ...op.tee(r.v),
      ...store,
      // p′ = p − m′ / (√v′ / c₂ + ε) · stepSize
      ...address('nextParam'),
      ...op.get(r.pi),
      ...op.get(r.m),
      ...op.get(r.v),
      ...sqrt,
      ...c('correction2'),
      ...div,
      ...c('eps'),
      ...add,
      ...div,
      ...c('stepSize'),
      ...mul,
      ...sub,
      ...op.tee(r.pn),
      ...store,
      ...op.get(r.g),
      ...op.get(r.g),
      ...mul,
      ...accumulate(0),
      ...op.get(r.pn),
      ...op.get(r.p0),
      ...sub,
      ...op.tee(r.t),
      ...op.get(r.t),
      ...mul,
      ...accumulate(1),
      ...op.get(r.pn),
      ...op.get(r.pn),
      ...mul,
      ...accumulate(2),
    ];
  };
  // while (i + width <= size) { element; i += width }
  const loop = (width: number, simd: boolean): Bytes => [
    ...op.block,
    ...op.loop,
    ...op.get(i),
    ...op.i32(width),
    ...op.i32Add,
    ...op.get(size),
    ...op.i32GtU,
    ...op.brIf(1),
    ...op.get(i),
    ...op.i32(2),
    ...op.i32Shl,
    ...op.set(offset),
    ...element(simd),
    ...op.get(i),
    ...op.i32(width),
    ...op.i32Add,
    ...op.set(i),
    ...op.br(0),
    ...op.end,
    ...op.end,
  ];
  const storeSum = (k: number): Bytes => [
    ...op.get(squares),
    ...op.i32(4 * k),
    ...op.i32Add,
    ...op.get(sums[k] as number),
    ...op.f32DemoteF64,
    ...op.f32Store,
  ];
  const body = [
    ...SCALARS.flatMap((name) => [
      ...op.get(scalarParam(name)),
      ...op.f32x4Splat,
      ...op.set(splat[name]),
    ]),
    ...loop(4, true),
    ...loop(1, false),
    ...storeSum(0),
    ...storeSum(1),
    ...storeSum(2),
  ];
  return { name: 'adam', params, locals, body };
}

/** The kernel over `memory`, or null where this WebAssembly engine has no SIMD. */
export function simdAdam(memory: WebAssembly.Memory): SimdAdam | null {
  const run = instantiateOver(memory, adamFunction);
  if (run === null) return null;
  return (p, size, s) =>
    run(
      ...POINTER_PARAMS.map((name) => p[name]),
      size,
      s.mode,
      ...SCALARS.map((name) => s[name]),
      p.squares,
    );
}
