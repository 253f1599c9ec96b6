/**
 * A minimal WebAssembly binary writer for Basin's few SIMD kernels: one module that imports the
 * wasm backend's own memory (so kernels read and write tensors where they lie) and exports
 * functions written as instruction bytes. Only what those kernels use is here; the repository has
 * no wasm toolchain, and the kernels are small enough to write as instructions.
 */

export type Bytes = number[];

/** Unsigned LEB128. */
export function uleb(value: number): Bytes {
  const out: Bytes = [];
  let rest = value >>> 0;
  do {
    const byte = rest & 0x7f;
    rest >>>= 7;
    out.push(rest === 0 ? byte : byte | 0x80);
  } while (rest !== 0);
  return out;
}

/** Signed LEB128 (32-bit). */
export function sleb(value: number): Bytes {
  const out: Bytes = [];
  let rest = value | 0;
  for (;;) {
    const byte = rest & 0x7f;
    rest >>= 7;
    const done = (rest === 0 && (byte & 0x40) === 0) || (rest === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

export const I32 = 0x7f;
export const F32 = 0x7d;
export const F64 = 0x7c;
export const V128 = 0x7b;
export type ValueType = typeof I32 | typeof F32 | typeof F64 | typeof V128;

/** The instructions the kernels use, by name. */
export const op = {
  get: (index: number): Bytes => [0x20, ...uleb(index)],
  set: (index: number): Bytes => [0x21, ...uleb(index)],
  tee: (index: number): Bytes => [0x22, ...uleb(index)],
  i32: (value: number): Bytes => [0x41, ...sleb(value)],
  f64Zero: [0x44, 0, 0, 0, 0, 0, 0, 0, 0] as Bytes,
  block: [0x02, 0x40] as Bytes,
  loop: [0x03, 0x40] as Bytes,
  ifResult: (type: ValueType): Bytes => [0x04, type],
  else: [0x05] as Bytes,
  end: [0x0b] as Bytes,
  br: (depth: number): Bytes => [0x0c, ...uleb(depth)],
  brIf: (depth: number): Bytes => [0x0d, ...uleb(depth)],
  i32Eq: [0x46] as Bytes,
  i32GtU: [0x4b] as Bytes,
  i32GeU: [0x4f] as Bytes,
  i32LtU: [0x49] as Bytes,
  i32And: [0x71] as Bytes,
  i32Add: [0x6a] as Bytes,
  i32Sub: [0x6b] as Bytes,
  i32LtS: [0x48] as Bytes,
  i32GeS: [0x4e] as Bytes,
  i32Shl: [0x74] as Bytes,
  i32ShrU: [0x76] as Bytes,
  f32Load: [0x2a, 2, 0] as Bytes,
  f32Store: [0x38, 2, 0] as Bytes,
  f64Load: [0x2b, 3, 0] as Bytes,
  f64Store: [0x39, 3, 0] as Bytes,
  f32Add: [0x92] as Bytes,
  f32Sub: [0x93] as Bytes,
  f32Mul: [0x94] as Bytes,
  f32Div: [0x95] as Bytes,
  f32Sqrt: [0x91] as Bytes,
  f64Add: [0xa0] as Bytes,
  f32DemoteF64: [0xb6] as Bytes,
  f64PromoteF32: [0xbb] as Bytes,
  v128Load: [0xfd, ...uleb(0x00), 2, 0] as Bytes,
  v128Store: [0xfd, ...uleb(0x0b), 2, 0] as Bytes,
  f32x4Splat: [0xfd, ...uleb(0x13)] as Bytes,
  f32x4Lane: (lane: number): Bytes => [0xfd, ...uleb(0x1f), lane],
  f32x4Sqrt: [0xfd, ...uleb(0xe3)] as Bytes,
  f32x4Add: [0xfd, ...uleb(0xe4)] as Bytes,
  f32x4Sub: [0xfd, ...uleb(0xe5)] as Bytes,
  f32x4Mul: [0xfd, ...uleb(0xe6)] as Bytes,
  f32x4Div: [0xfd, ...uleb(0xe7)] as Bytes,
  f32x4Gt: [0xfd, ...uleb(0x44)] as Bytes,
  i32x4Splat: [0xfd, ...uleb(0x11)] as Bytes,
  i32x4Eq: [0xfd, ...uleb(0x37)] as Bytes,
  v128And: [0xfd, ...uleb(0x4e)] as Bytes,
  v128Bitselect: [0xfd, ...uleb(0x52)] as Bytes,
  i32Mul: [0x6c] as Bytes,
  f32NegativeInfinity: [0x43, 0x00, 0x00, 0x80, 0xff] as Bytes,
  f32Zero: [0x43, 0, 0, 0, 0] as Bytes,
  f32ConvertI32U: [0xb3] as Bytes,
  f32Gt: [0x5e] as Bytes,
  // Memory instructions `offset` bytes past the address on the stack.
  v128LoadAt: (offset: number): Bytes => [0xfd, ...uleb(0x00), 2, ...uleb(offset)],
  v128StoreAt: (offset: number): Bytes => [0xfd, ...uleb(0x0b), 2, ...uleb(offset)],
  f32LoadSplatAt: (offset: number): Bytes => [0xfd, ...uleb(0x09), 2, ...uleb(offset)],
  f32StoreLaneAt: (offset: number, lane: number): Bytes => [
    0xfd, ...uleb(0x5a), 2, ...uleb(offset), lane,
  ], // prettier-ignore
  /** Every lane `value`. */
  f32x4Const: (value: number): Bytes => [
    0xfd, ...uleb(0x0c), ...[0, 1, 2, 3].flatMap(() => [...new Uint8Array(Float32Array.of(value).buffer)]),
  ], // prettier-ignore
  f32x4Max: [0xfd, ...uleb(0xe9)] as Bytes,
  /** Bytes of the two vectors on the stack (0–15 the first, 16–31 the second), in `lanes` order. */
  i8x16Shuffle: (lanes: readonly number[]): Bytes => [0xfd, ...uleb(0x0d), ...lanes],
  f64x2Add: [0xfd, ...uleb(0xf0)] as Bytes,
  f64x2PromoteLowF32x4: [0xfd, ...uleb(0x5f)] as Bytes,
  f32x4DemoteF64x2Zero: [0xfd, ...uleb(0x5e)] as Bytes,
};

/**
 * The float64 pair at `address` + 16·h += lanes 2h, 2h+1 of `vector` widened to float64, for
 * h = 0, 1: a float32 vector added into four float64 sums, as a JS loop over a Float64Array adds.
 */
export function addWidened(address: Bytes, vector: Bytes): Bytes {
  const upperToLower = [8, 9, 10, 11, 12, 13, 14, 15, 8, 9, 10, 11, 12, 13, 14, 15];
  const widened = (half: number): Bytes =>
    half === 0
      ? [...vector, ...op.f64x2PromoteLowF32x4]
      : [...vector, ...vector, ...op.i8x16Shuffle(upperToLower), ...op.f64x2PromoteLowF32x4];
  return [0, 1].flatMap((half) => [
    ...address,
    ...address,
    ...op.v128LoadAt(16 * half),
    ...widened(half),
    ...op.f64x2Add,
    ...op.v128StoreAt(16 * half),
  ]);
}

/** Each name's local index, counting from `from`, so a name missing from `names` does not compile. */
export function localIndices<T extends string>(
  names: readonly T[],
  from: number,
): Record<T, number> {
  return Object.fromEntries(names.map((name, i) => [name, from + i])) as Record<T, number>;
}

/** `for (index = 0; index < limit; index++) body`, `limit` being instructions that push an i32. */
export function loopTo(index: number, limit: Bytes, body: Bytes): Bytes {
  return [
    ...op.i32(0),
    ...op.set(index),
    ...op.block,
    ...op.loop,
    ...op.get(index),
    ...limit,
    ...op.i32GeU,
    ...op.brIf(1),
    ...body,
    ...op.get(index),
    ...op.i32(1),
    ...op.i32Add,
    ...op.set(index),
    ...op.br(0),
    ...op.end,
    ...op.end,
  ];
}

export interface FunctionDef {
  name: string;
  params: ValueType[];
  locals: ValueType[];
  body: Bytes;
}

const vector = (items: Bytes[]): Bytes => [...uleb(items.length), ...items.flat()];
const section = (id: number, body: Bytes): Bytes => [id, ...uleb(body.length), ...body];
const name = (text: string): Bytes => vector([...new TextEncoder().encode(text)].map((b) => [b]));

/** A module importing `env.memory` and exporting `functions` (no results). */
export function buildModule(functions: readonly FunctionDef[]): Uint8Array<ArrayBuffer> {
  const types = functions.map((f) => [0x60, ...vector(f.params.map((t) => [t])), 0]);
  const imports = [[...name('env'), ...name('memory'), 0x02, 0x00, 0x00]];
  const exports = functions.map((f, i) => [...name(f.name), 0x00, ...uleb(i)]);
  const bodies = functions.map((f) => {
    const locals = vector(f.locals.map((t) => [1, t]));
    const body = [...locals, ...f.body, ...op.end];
    return [...uleb(body.length), ...body];
  });
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vector(types)),
    ...section(2, vector(imports)),
    ...section(3, vector(functions.map((_, i) => uleb(i)))),
    ...section(7, vector(exports)),
    ...section(10, vector(bodies)),
  ]);
}

/** Skips the rest of the enclosing block when local `index` lies outside [0, size). */
export function skipOutside(index: number, size: Bytes): Bytes {
  return [
    ...op.get(index),
    ...op.i32(0),
    ...op.i32LtS,
    ...op.brIf(0),
    ...op.get(index),
    ...size,
    ...op.i32GeS,
    ...op.brIf(0),
  ];
}

/** A module function as JS calls it: numbers in, no result. */
export type WasmFunction = (...args: number[]) => void;

const instances = new WeakMap<WebAssembly.Memory, Map<() => FunctionDef, WasmFunction | null>>();

/**
 * The function `define` describes, in a module over the wasm backend's heap `memory`: built and
 * instantiated once per heap, then reused; null where this engine cannot run it (no SIMD).
 */
export function instantiateOver(
  memory: WebAssembly.Memory,
  define: () => FunctionDef,
): WasmFunction | null {
  let byDefinition = instances.get(memory);
  if (byDefinition === undefined) {
    byDefinition = new Map();
    instances.set(memory, byDefinition);
  }
  const cached = byDefinition.get(define);
  if (cached !== undefined) return cached;
  const definition = define();
  const bytes = buildModule([definition]);
  const run = WebAssembly.validate(bytes)
    ? (new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } }).exports[
        definition.name
      ] as WasmFunction)
    : null;
  byDefinition.set(define, run);
  return run;
}
