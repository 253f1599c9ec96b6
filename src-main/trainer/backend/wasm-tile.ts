import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

/**
 * Tile on the wasm heap by block copies: each source row is copied once and then doubled in place
 * (`copyWithin`) along every tiled axis, innermost first. TF.js 4.22's wasm Tile computes every output
 * element's source index one by one, which made it 8.5% of an MLP epoch with batch norm (its
 * gradient tiles the per-feature terms over the batch). A pure copy: results are bit-identical.
 */
type TypedArray = Float32Array | Int32Array | Uint8Array;

function tileInto(
  source: TypedArray,
  target: TypedArray,
  shape: readonly number[],
  reps: readonly number[],
): void {
  const rank = shape.length;
  const sourceStride: number[] = new Array<number>(rank);
  const targetStride: number[] = new Array<number>(rank);
  let s = 1;
  let t = 1;
  for (let d = rank - 1; d >= 0; d--) {
    sourceStride[d] = s;
    targetStride[d] = t;
    s *= shape[d] as number;
    t *= (shape[d] as number) * (reps[d] as number);
  }
  const fill = (d: number, from: number, to: number): void => {
    const extent = shape[d] as number;
    if (d === rank - 1) {
      target.set(source.subarray(from, from + extent), to);
    } else {
      for (let i = 0; i < extent; i++) {
        fill(d + 1, from + i * (sourceStride[d] as number), to + i * (targetStride[d] as number));
      }
    }
    // One tile along axis d is `extent` target strides long; repeat it by doubling.
    const block = extent * (targetStride[d] as number);
    const total = block * (reps[d] as number);
    for (let done = block; done < total; done *= 2) {
      target.copyWithin(to + done, to, to + Math.min(done, total - done));
    }
  };
  fill(0, 0, 0);
}

function tile(args: Parameters<tf.KernelFunc>[0]): tf.TensorInfo {
  const backend = args.backend as BackendWasm;
  const { x } = args.inputs as { x: tf.TensorInfo };
  const { reps } = args.attrs as unknown as tf.TileAttrs;
  const outShape = x.shape.map((extent, d) => extent * (reps[d] as number));
  const out = backend.makeOutput(outShape, x.dtype);
  if (tf.util.sizeFromShape(outShape) === 0) return out;
  if (x.shape.length === 0) {
    backend.typedArrayFromHeap(out).set(backend.typedArrayFromHeap(x));
    return out;
  }
  tileInto(backend.typedArrayFromHeap(x), backend.typedArrayFromHeap(out), x.shape, reps);
  return out;
}

/** Replaces the wasm Tile; strings (which wasm does not store on its heap) go to the original. */
export function wasmTileKernel(original: tf.KernelConfig): tf.KernelConfig {
  const kernelFunc = (args: Parameters<tf.KernelFunc>[0]) => {
    const { x } = args.inputs as { x: tf.TensorInfo };
    return x.dtype === 'string' ? original.kernelFunc(args) : tile(args);
  };
  return { kernelName: tf.Tile, backendName: 'wasm', kernelFunc };
}
