import type { Db } from './database';
import { metricDirection, type MetricDirection } from './metric-direction';

export interface MetricKey {
  id: number;
  name: string;
  direction: MetricDirection | null;
}

/**
 * Metric key names ↔ ids. Keys are few and never change once stored, so every key seen is cached
 * for the life of the connection.
 */
export function createMetricKeyCatalog(db: Db) {
  const selectByName = db.prepare<[string], MetricKey>(
    'SELECT id, name, direction FROM metric_keys WHERE name = ?',
  );
  const selectById = db.prepare<[number], MetricKey>(
    'SELECT id, name, direction FROM metric_keys WHERE id = ?',
  );
  const insertKey = db.prepare<[string, MetricDirection | null], MetricKey>(
    'INSERT INTO metric_keys (name, direction) VALUES (?, ?) RETURNING id, name, direction',
  );
  const byName = new Map<string, MetricKey>();
  const byId = new Map<number, MetricKey>();

  function remember(key: MetricKey): MetricKey {
    byName.set(key.name, key);
    byId.set(key.id, key);
    return key;
  }

  /** The stored key, or undefined when no metric of that name was ever recorded. */
  function find(name: string): MetricKey | undefined {
    const cached = byName.get(name);
    if (cached !== undefined) return cached;
    const row = selectByName.get(name);
    return row === undefined ? undefined : remember(row);
  }

  return {
    find,

    /** The key's id, stored with its direction the first time the name is seen. */
    ensure(name: string): MetricKey {
      const found = find(name);
      if (found !== undefined) return found;
      const inserted = insertKey.get(name, metricDirection(name));
      if (inserted === undefined) throw new Error(`Could not store metric key "${name}"`);
      return remember(inserted);
    },

    byId(id: number): MetricKey {
      const cached = byId.get(id);
      if (cached !== undefined) return cached;
      const row = selectById.get(id);
      if (row === undefined) throw new Error(`There is no metric key ${id}`);
      return remember(row);
    },
  };
}

export type MetricKeyCatalog = ReturnType<typeof createMetricKeyCatalog>;
