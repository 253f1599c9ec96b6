import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { gemmReach, wasmGemm, type GemmCall } from './wasm-gemm';
import { heapMemory, heapOffset } from './wasm-heap';
import { replaceWasmKernel } from './wasm-replace-kernel';

/**
 * TF.js 4.22's wasm BatchMatMul runs at full XNNPACK speed only without transposes; with transposeA
 * or transposeB, which every dense layer's backward pass uses (dW = xᵀ·dy, dx = dy·Wᵀ), it falls
 * back to a loop 10–15× slower, and so does its Transpose kernel. This wrapper hands the product
 * to Basin's SIMD product (wasm-gemm.ts: no packing of B), which reads a transposed A in place
 * through its strides; a transposed B is copied first in plain JS over the wasm heap (a copy, cheap
 * next to the product). Operands that product does not take go to the original kernel. Results are deterministic, and match the cpu backend to
 * float32 rounding.
 */

type KernelArgs = Parameters<tf.KernelFunc>[0];

/** A copy of `x` with its last two axes swapped, on the wasm heap; the caller disposes it. */
function transposeLastTwo(backend: BackendWasm, x: tf.TensorInfo): tf.TensorInfo {
  const rank = x.shape.length;
  const rows = x.shape[rank - 2] as number;
  const cols = x.shape[rank - 1] as number;
  const batches = x.shape.slice(0, -2).reduce((a, b) => a * b, 1);
  const out = backend.makeOutput([...x.shape.slice(0, -2), cols, rows], x.dtype);
  const source = backend.typedArrayFromHeap(x);
  const target = backend.typedArrayFromHeap(out);
  const size = rows * cols;
  for (let batch = 0; batch < batches; batch++) {
    const base = batch * size;
    for (let r = 0; r < rows; r++) {
      const from = base + r * cols;
      for (let c = 0; c < cols; c++) target[base + c * rows + r] = source[from + c] as number;
    }
  }
  return out;
}

/**
 * The product a·b (aᵀ·b with `transposeA`, read in place) by Basin's SIMD kernel, batch by batch,
 * when the shapes fit it (float32, the same batch shape on both sides, every read on the heap);
 * null otherwise. `dense` adds a bias of N values and a relu in the same pass.
 */
export function simdProduct(
  backend: BackendWasm,
  a: tf.TensorInfo,
  b: tf.TensorInfo,
  dense: { bias?: tf.TensorInfo; relu: boolean; transposeA?: boolean } = { relu: false },
): tf.TensorInfo | null {
  const [aRows, aColumns] = a.shape.slice(-2) as [number, number];
  const [m, k] = dense.transposeA === true ? [aColumns, aRows] : [aRows, aColumns];
  const n = b.shape.at(-1) as number;
  const batchShape = a.shape.slice(0, -2);
  const sameBatches =
    b.shape.length === a.shape.length && batchShape.every((d, i) => d === b.shape[i]);
  if (a.dtype !== 'float32' || b.dtype !== 'float32' || !sameBatches || b.shape.at(-2) !== k) {
    return null;
  }
  const memory = heapMemory(backend);
  const gemm = wasmGemm(memory);
  if (gemm === null) return null;
  const [pa, pb] = [heapOffset(backend, a), heapOffset(backend, b)];
  const batches = batchShape.reduce((x, y) => x * y, 1);
  const call = (i: number, c: number): GemmCall => ({
    a: pa + 4 * i * m * k,
    aLane: dense.transposeA === true ? 4 : 4 * k,
    aStep: dense.transposeA === true ? 4 * m : 4,
    aJump: 0,
    b: pb + 4 * i * k * n,
    bStep: 4 * n,
    bJump: 0,
    inner: k,
    outer: 1,
    c: c + 4 * i * m * n,
    cRow: 4 * n,
    m,
    n,
    start: dense.bias === undefined ? 'zero' : 'bias',
    bias: dense.bias === undefined ? 0 : heapOffset(backend, dense.bias),
    relu: dense.relu,
  });
  if (batches > 0 && k > 0 && gemmReach(call(batches - 1, 0)) > memory.buffer.byteLength) {
    return null;
  }
  const out = backend.makeOutput([...batchShape, m, n], 'float32');
  const pc = heapOffset(backend, out);
  for (let i = 0; i < batches; i++) gemm(call(i, pc));
  return out;
}

/** Wraps the wasm backend's own BatchMatMul kernel, which must already be registered and set up. */
export function wasmBatchMatMulKernel(original: tf.KernelConfig): tf.KernelConfig {
  const kernelFunc = (args: KernelArgs): tf.TensorInfo | tf.TensorInfo[] => {
    const attrs = args.attrs as unknown as tf.BatchMatMulAttrs;
    const backend = args.backend as BackendWasm;
    const { a, b } = args.inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
    if (!attrs.transposeA && !attrs.transposeB) {
      return simdProduct(backend, a, b) ?? original.kernelFunc(args);
    }
    const right = attrs.transposeB ? transposeLastTwo(backend, b) : b;
    try {
      const simd = simdProduct(backend, a, right, { relu: false, transposeA: attrs.transposeA });
      if (simd !== null) return simd;
      const left = attrs.transposeA ? transposeLastTwo(backend, a) : a;
      try {
        return original.kernelFunc({
          ...args,
          inputs: { a: left, b: right },
          attrs: { ...attrs, transposeA: false, transposeB: false } as unknown as tf.NamedAttrMap,
        });
      } finally {
        if (left !== a) backend.disposeData(left.dataId);
      }
    } finally {
      if (right !== b) backend.disposeData(right.dataId);
    }
  };
  return { kernelName: tf.BatchMatMul, backendName: 'wasm', kernelFunc };
}

/**
 * Puts the wrapper in place of the wasm backend's BatchMatMul once the backend is initialised;
 * returns false when there is nothing to do (not wasm, or already wrapped).
 */
export function installWasmBatchMatMul(): boolean {
  return replaceWasmKernel(tf.BatchMatMul, wasmBatchMatMulKernel);
}
