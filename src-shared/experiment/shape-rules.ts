/**
 * The arithmetic of layer shapes with Keras/TF.js semantics (channels-last, no batch dimension),
 * shared by the layer kinds' shape rules (layer-kinds.ts).
 */

/** A layer's output shape and parameter counts, or why it cannot take its input. */
export type ShapeStep =
  { outputShape: number[]; params: number; trainable: number } | { problem: string; field: string };

export const describeShape = (shape: readonly number[]) => `[${shape.join(', ')}]`;
export const product = (shape: readonly number[]) => shape.reduce((total, size) => total * size, 1);

/** A layer that adds no parameters and keeps its input's shape (dropout, activation). */
export const sameShape = (input: readonly number[]): ShapeStep => ({
  outputShape: [...input],
  params: 0,
  trainable: 0,
});

function reshapeHint(shape: readonly number[]): string {
  const size = product(shape);
  const side = Math.round(Math.sqrt(size));
  const target = side * side === size ? `[${side}, ${side}, 1]` : '[height, width, channels]';
  return `add { "type": "reshape", "targetShape": ${target} } before it`;
}

/** Keras output length along one axis for "valid" and "same" padding. */
function outputLength(
  size: number,
  window: number,
  stride: number,
  padding: 'valid' | 'same',
): number {
  return padding === 'same' ? Math.ceil(size / stride) : Math.floor((size - window) / stride) + 1;
}

/** The output height and width of a window slid over an image input (convolution, pooling). */
export function spatial(
  what: string,
  input: readonly number[],
  window: readonly [number, number],
  strides: readonly [number, number],
  padding: 'valid' | 'same',
  windowField: string,
): { height: number; width: number } | { problem: string; field: string } {
  if (input.length !== 3) {
    return {
      field: 'type',
      problem:
        input.length === 1
          ? `${what} needs an image input [height, width, channels] but receives a flat vector ${describeShape(input)}; ${reshapeHint(input)}`
          : `${what} needs an input of shape [height, width, channels] but receives ${describeShape(input)}`,
    };
  }
  const [height = 0, width = 0] = input;
  if (padding === 'valid' && (window[0] > height || window[1] > width)) {
    return {
      field: windowField,
      problem: `must fit the ${height}×${width} input it receives (padding "valid"); use a smaller window or padding "same"`,
    };
  }
  return {
    height: outputLength(height, window[0], strides[0], padding),
    width: outputLength(width, window[1], strides[1], padding),
  };
}
