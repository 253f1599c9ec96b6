import type { Initializer } from '@shared/experiment/spec';
import type { Rng } from '@shared/random';
import { assertNever } from '@shared/contract/envelope';

/**
 * Weight initialisers with Keras semantics, drawn from Basin's seeded generator rather than TF.js's
 * own (whose seeded draws differ between backends), so a seed gives the same initial weights on
 * every backend.
 */

/** Keras `_compute_fans`: dense kernels [in, out], conv kernels [h, w, in, out], vectors [n]. */
export function fans(shape: readonly number[]): { fanIn: number; fanOut: number } {
  if (shape.length < 1) return { fanIn: 1, fanOut: 1 };
  if (shape.length === 1) return { fanIn: shape[0] as number, fanOut: shape[0] as number };
  if (shape.length === 2) return { fanIn: shape[0] as number, fanOut: shape[1] as number };
  const receptiveField = shape.slice(0, -2).reduce((a, b) => a * b, 1);
  return {
    fanIn: (shape.at(-2) as number) * receptiveField,
    fanOut: (shape.at(-1) as number) * receptiveField,
  };
}

/** Stddev of a normal truncated at ±2σ whose unit version has this standard deviation (Keras). */
const TRUNCATED_NORMAL_STDDEV = 0.8796256610342398;

function truncatedNormal(rng: Rng, size: number, stddev: number): Float32Array {
  const out = new Float32Array(size);
  for (let i = 0; i < size; i++) {
    let z = rng.normal();
    while (Math.abs(z) > 2) z = rng.normal();
    out[i] = z * stddev;
  }
  return out;
}

function uniform(rng: Rng, size: number, limit: number): Float32Array {
  const out = new Float32Array(size);
  for (let i = 0; i < size; i++) out[i] = (2 * rng.uniform() - 1) * limit;
  return out;
}

/**
 * Keras `Orthogonal`: the Q of a QR decomposition of a Gaussian matrix with the signs that make R's
 * diagonal positive, which is exactly what Gram–Schmidt produces (run twice for orthogonality to
 * working precision).
 */
function orthogonal(rng: Rng, shape: readonly number[], gain: number): Float32Array {
  const cols = shape.at(-1) ?? 1;
  const rows = shape.slice(0, -1).reduce((a, b) => a * b, 1);
  const tall = Math.max(rows, cols);
  const narrow = Math.min(rows, cols);
  // Column-major: column j occupies [j·tall, (j+1)·tall).
  const a = new Float64Array(tall * narrow);
  for (let i = 0; i < tall; i++) for (let j = 0; j < narrow; j++) a[j * tall + i] = rng.normal();
  for (let j = 0; j < narrow; j++) {
    const v = a.subarray(j * tall, (j + 1) * tall);
    for (let pass = 0; pass < 2; pass++) {
      for (let k = 0; k < j; k++) {
        const q = a.subarray(k * tall, (k + 1) * tall);
        let dot = 0;
        for (let i = 0; i < tall; i++) dot += (q[i] as number) * (v[i] as number);
        for (let i = 0; i < tall; i++) v[i] = (v[i] as number) - dot * (q[i] as number);
      }
    }
    let norm = 0;
    for (let i = 0; i < tall; i++) norm += (v[i] as number) ** 2;
    norm = Math.sqrt(norm);
    for (let i = 0; i < tall; i++) v[i] = (v[i] as number) / norm;
  }
  // Q is tall × narrow; the kernel is rows × cols, i.e. Q or its transpose, row-major.
  const out = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const value = rows >= cols ? a[c * tall + r] : a[r * tall + c];
      out[r * cols + c] = gain * (value as number);
    }
  }
  return out;
}

/**
 * Values of shape `shape` drawn by `initializer`. `kernelShape` is the shape of the layer's kernel:
 * a bias drawn by `torchDefault` takes its bound from the kernel's fan-in, as PyTorch does.
 */
export function initialValues(
  initializer: Initializer,
  shape: readonly number[],
  rng: Rng,
  kernelShape: readonly number[] = shape,
): Float32Array {
  const size = shape.reduce((a, b) => a * b, 1);
  const { fanIn, fanOut } = fans(shape);
  switch (initializer.kind) {
    case 'glorotUniform':
      return uniform(rng, size, Math.sqrt(6 / (fanIn + fanOut)));
    case 'glorotNormal':
      return truncatedNormal(rng, size, Math.sqrt(2 / (fanIn + fanOut)) / TRUNCATED_NORMAL_STDDEV);
    case 'heUniform':
      return uniform(rng, size, Math.sqrt(6 / fanIn));
    case 'heNormal':
      return truncatedNormal(rng, size, Math.sqrt(2 / fanIn) / TRUNCATED_NORMAL_STDDEV);
    case 'orthogonal':
      return orthogonal(rng, shape, initializer.gain);
    case 'torchDefault':
      // kaiming_uniform_(a=√5): gain √(2/(1+5)), bound gain·√3/√fan_in = 1/√fan_in.
      return uniform(rng, size, 1 / Math.sqrt(fans(kernelShape).fanIn));
    case 'zeros':
      return new Float32Array(size);
    case 'constant':
      return new Float32Array(size).fill(initializer.value);
    default:
      return assertNever(initializer, 'initializer kind');
  }
}
