import * as tf from '@tensorflow/tfjs';
import type { SplitPart } from '@shared/data/prepare/prepared';

/** How targets enter the loss: one-hot rows for categorical cross-entropy, a column otherwise. */
export type TargetLayout = { kind: 'oneHot'; classes: number } | { kind: 'column' };

export interface BatchTensors {
  x: tf.Tensor;
  y: tf.Tensor;
}

/** Copies the listed rows of a split into a batch (inputs stay in JS memory between batches). */
export function batchTensors(
  part: SplitPart,
  inputShape: readonly number[],
  rows: ArrayLike<number>,
  layout: TargetLayout,
): BatchTensors {
  const width = inputShape.reduce((a, b) => a * b, 1);
  const n = rows.length;
  const x = new Float32Array(n * width);
  for (let i = 0; i < n; i++) {
    const row = rows[i] as number;
    x.set(part.x.subarray(row * width, (row + 1) * width), i * width);
  }
  return { x: tf.tensor(x, [n, ...inputShape]), y: targetTensor(part, rows, layout) };
}

export function targetTensor(
  part: SplitPart,
  rows: ArrayLike<number>,
  layout: TargetLayout,
): tf.Tensor {
  const n = rows.length;
  const columns = layout.kind === 'oneHot' ? layout.classes : 1;
  const y = new Float32Array(n * columns);
  for (let i = 0; i < n; i++) {
    const target = part.y[rows[i] as number] as number;
    if (layout.kind === 'oneHot') y[i * columns + target] = 1;
    else y[i] = target;
  }
  return tf.tensor(y, [n, columns]);
}

/** Rows start … end−1 of a split in stored order. */
export function rowRange(start: number, end: number): Uint32Array {
  return Uint32Array.from({ length: end - start }, (_, i) => start + i);
}
