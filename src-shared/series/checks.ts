export function requireSameLength(x: ArrayLike<number>, y: ArrayLike<number>): void {
  if (x.length !== y.length) {
    throw new Error(`x and y must have the same length, received ${x.length} and ${y.length}`);
  }
}

export function requireWholeAtLeast(name: string, value: number, least: number): void {
  if (!Number.isInteger(value) || value < least) {
    throw new Error(`${name}: must be a whole number ≥ ${least}, received ${value}`);
  }
}
