/**
 * Paths into a spec in the notation problems use: dotted keys with array indices,
 * e.g. `model.layers[2].units`.
 */

export type PathKey = string | number;

const pathPattern = /^[A-Za-z_][A-Za-z0-9_]*(\[\d+\])*(\.[A-Za-z_][A-Za-z0-9_]*(\[\d+\])*)*$/;

/** Splits `model.layers[2].units` into `['model', 'layers', 2, 'units']`; null if malformed. */
export function parsePath(path: string): PathKey[] | null {
  if (!pathPattern.test(path)) return null;
  const keys: PathKey[] = [];
  for (const segment of path.split('.')) {
    const [name, ...indices] = segment.split('[');
    keys.push(name ?? '');
    for (const index of indices) keys.push(Number(index.slice(0, -1)));
  }
  return keys;
}

export function getAt(root: unknown, keys: readonly PathKey[]): unknown {
  let node = root;
  for (const key of keys) {
    if (node === null || typeof node !== 'object') return undefined;
    if (Array.isArray(node) !== (typeof key === 'number')) return undefined;
    if (!Object.hasOwn(node, key)) return undefined;
    node = (node as Record<PathKey, unknown>)[key];
  }
  return node;
}

/**
 * A copy of `root` with the value at `keys` replaced. Missing parents are created (an array where
 * the next key is an index, an object otherwise), so an editor field can set
 * `data.source.generator.samples` on a spec whose generator block was never written.
 */
export function setAt<T>(root: T, keys: readonly PathKey[], value: unknown): T {
  const [key, ...rest] = keys;
  if (key === undefined) return value as T;
  const parent: unknown =
    root !== null && typeof root === 'object' ? root : typeof key === 'number' ? [] : {};
  if (Array.isArray(parent)) {
    const copy: unknown[] = [...parent];
    copy[key as number] = setAt(copy[key as number], rest, value);
    return copy as T;
  }
  const record = parent as Record<PathKey, unknown>;
  return { ...record, [key]: setAt(record[key], rest, value) } as T;
}
