/**
 * A model's weights as flat arrays in model order, with each tensor's shape (TF.js layout: a dense
 * kernel is [in, out], a conv kernel [kh, kw, in, out], so the output unit is the last axis).
 */
export interface ShapedWeights {
  shapes: readonly (readonly number[])[];
  values: readonly Float32Array[];
}

/** Throws, naming the tensor, unless every set has the same tensors of the same sizes. */
export function requireSameLayout(
  sets: readonly (readonly Float32Array[])[],
  names: string[],
): void {
  const [first] = sets;
  if (first === undefined) throw new Error('no weights were given');
  sets.forEach((set, s) => {
    if (set.length !== first.length) {
      throw new Error(
        `${names[s] ?? `checkpoint ${s}`} has ${set.length} weight tensors, ${names[0] ?? 'the first'} ${first.length}: the checkpoints are not of one architecture`,
      );
    }
    set.forEach((tensor, i) => {
      if (tensor.length !== (first[i] as Float32Array).length) {
        throw new Error(
          `weight tensor ${i} has ${tensor.length} values in ${names[s] ?? `checkpoint ${s}`} and ${(first[i] as Float32Array).length} in ${names[0] ?? 'the first'}: the checkpoints are not of one architecture`,
        );
      }
    });
  });
}

/** Σ over tensors of a·b (float64 accumulation). */
export function dot(a: readonly ArrayLike<number>[], b: readonly ArrayLike<number>[]): number {
  let sum = 0;
  a.forEach((tensor, i) => {
    const other = b[i] as ArrayLike<number>;
    for (let k = 0; k < tensor.length; k++) sum += (tensor[k] as number) * (other[k] as number);
  });
  return sum;
}

/** a + Σ coefficient·direction, elementwise per tensor, rounded once to float32. */
export function combine(
  origin: readonly Float32Array[],
  terms: readonly { coefficient: number; direction: readonly ArrayLike<number>[] }[],
): Float32Array[] {
  return origin.map((tensor, i) => {
    const out = new Float32Array(tensor.length);
    for (let k = 0; k < tensor.length; k++) {
      let value = tensor[k] as number;
      for (const { coefficient, direction } of terms) {
        value += coefficient * ((direction[i] as ArrayLike<number>)[k] as number);
      }
      out[k] = value;
    }
    return out;
  });
}

/** b − a per tensor, in float64. */
export function difference(a: readonly Float32Array[], b: readonly Float32Array[]): Float64Array[] {
  return a.map((tensor, i) => {
    const other = b[i] as Float32Array;
    return Float64Array.from(tensor, (value, k) => (other[k] as number) - value);
  });
}
