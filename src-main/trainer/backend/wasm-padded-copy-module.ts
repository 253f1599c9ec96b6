import {
  I32,
  instantiateOver,
  loopTo,
  op,
  type Bytes,
  type FunctionDef,
  type ValueType,
} from './wasm-module-builder';

/**
 * An NHWC tensor copied into a zero border on the wasm heap, for the convolutions of
 * wasm-conv-padded.ts: the target zeroed with one `memory.fill`, then each image row placed with one
 * `memory.copy`. From JS, a row copy cost more in the call than in the copying (a 28-value row of
 * the benchmark CNN's first layer). A plain copy: the values are the input's bits.
 */
export interface PaddedCopyCall {
  source: number;
  target: number;
  batch: number;
  height: number;
  width: number;
  channels: number;
  paddedHeight: number;
  paddedWidth: number;
  top: number;
  left: number;
}

const PARAMS = [
  'source', 'target', 'batch', 'height', 'width', 'channels',
  'paddedHeight', 'paddedWidth', 'top', 'left',
] as const; // prettier-ignore

function paddedCopyFunction(): FunctionDef {
  const p = (name: (typeof PARAMS)[number]) => op.get(PARAMS.indexOf(name));
  const [n, r, rowBytes] = [0, 1, 2].map((i) => PARAMS.length + i) as [number, number, number];
  const memoryFill: Bytes = [0xfc, 0x0b, 0x00];
  const memoryCopy: Bytes = [0xfc, 0x0a, 0x00, 0x00];
  // prettier-ignore
  const copyRow: Bytes = [
    // target + 4·(((n·paddedHeight + top + r)·paddedWidth + left)·channels)
    ...p('target'),
    ...op.get(n), ...p('paddedHeight'), ...op.i32Mul, ...p('top'), ...op.i32Add, ...op.get(r), ...op.i32Add,
    ...p('paddedWidth'), ...op.i32Mul, ...p('left'), ...op.i32Add, ...p('channels'), ...op.i32Mul,
    ...op.i32(2), ...op.i32Shl, ...op.i32Add,
    // source + (n·height + r)·rowBytes
    ...p('source'), ...op.get(n), ...p('height'), ...op.i32Mul, ...op.get(r), ...op.i32Add,
    ...op.get(rowBytes), ...op.i32Mul, ...op.i32Add,
    ...op.get(rowBytes), ...memoryCopy,
  ];
  // prettier-ignore
  const body: Bytes = [
    ...p('target'), ...op.i32(0),
    ...p('batch'), ...p('paddedHeight'), ...op.i32Mul, ...p('paddedWidth'), ...op.i32Mul, ...p('channels'), ...op.i32Mul,
    ...op.i32(2), ...op.i32Shl, ...memoryFill,
    ...p('width'), ...p('channels'), ...op.i32Mul, ...op.i32(2), ...op.i32Shl, ...op.set(rowBytes),
    ...loopTo(n, p('batch'), loopTo(r, p('height'), copyRow)),
  ];
  return {
    name: 'paddedCopy',
    params: PARAMS.map((): ValueType => I32),
    locals: [I32, I32, I32],
    body,
  };
}

/** The copy over `memory`. */
export function wasmPaddedCopy(memory: WebAssembly.Memory): (call: PaddedCopyCall) => void {
  const run = instantiateOver(memory, paddedCopyFunction);
  if (run === null) throw new Error("This WebAssembly engine cannot run Basin's padded copy");
  return (call) => run(...PARAMS.map((name) => call[name]));
}
