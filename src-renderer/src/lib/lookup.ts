/**
 * Read-only lookups built once from a list, for derived values (nothing mutates them, so they
 * need no reactive SvelteMap or SvelteSet).
 */
export function lookup<K, V>(entries: Iterable<readonly [K, V]>): ReadonlyMap<K, V> {
  return new Map(entries);
}

export function distinct<T>(items: Iterable<T>): ReadonlySet<T> {
  return new Set(items);
}
