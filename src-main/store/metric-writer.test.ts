import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMetricWriter } from './metric-writer';
import { openStore, type Store } from './open-store';
import { exampleSpec, seedExperiment } from './testing/seed';
import { useTempDirs } from './testing/temp-dir';

const tempDir = useTempDirs();
afterEach(() => {
  vi.useRealTimers();
});

function storeWithRun(): { store: Store; runId: number } {
  const store = openStore(tempDir());
  const [run] = seedExperiment(store, exampleSpec('writer', 1)).runs;
  return { store, runId: run!.id };
}

function stored(store: Store): number {
  return store.db.prepare('SELECT count(*) FROM metrics').pluck().get() as number;
}

const epoch = (n: number) => ({
  step: n * 10,
  epoch: n,
  wallTime: 1_000 * n,
  values: { 'train.loss': 1 / n, 'val.loss': 2 / n },
});

describe('metric writer', () => {
  it('flushes as soon as enough points are waiting', () => {
    const { store, runId } = storeWithRun();
    const writer = createMetricWriter(store.metrics, {
      maxPoints: 4,
      maxDelayMs: 60_000,
      onError: () => {},
    });
    writer.addEpoch(runId, epoch(1));
    expect([stored(store), writer.pendingPoints]).toEqual([0, 2]);
    writer.addEpoch(runId, epoch(2));
    expect([stored(store), writer.pendingPoints]).toEqual([4, 0]);
    store.close();
  });

  it('flushes what is waiting once the delay has passed', () => {
    vi.useFakeTimers();
    const { store, runId } = storeWithRun();
    const writer = createMetricWriter(store.metrics, {
      maxPoints: 1_000,
      maxDelayMs: 250,
      onError: () => {},
    });
    writer.addEpoch(runId, epoch(1));
    vi.advanceTimersByTime(249);
    expect(stored(store)).toBe(0);
    vi.advanceTimersByTime(1);
    expect(stored(store)).toBe(2);
    writer.addEpoch(runId, epoch(2));
    writer.flush();
    expect(stored(store)).toBe(4);
    vi.advanceTimersByTime(1_000);
    expect(stored(store)).toBe(4);
    store.close();
  });

  it('hands the error of a timed flush to onError and drops those points', () => {
    vi.useFakeTimers();
    const { store, runId } = storeWithRun();
    const errors: unknown[] = [];
    const writer = createMetricWriter(store.metrics, {
      maxPoints: 1_000,
      maxDelayMs: 10,
      onError: (error) => errors.push(error),
    });
    writer.addEpoch(runId, epoch(2));
    writer.addEpoch(runId, epoch(1));
    vi.advanceTimersByTime(10);
    expect(errors).toHaveLength(1);
    expect(String(errors[0])).toMatch(/step 10 comes after step 20; steps must increase/);
    expect([stored(store), writer.pendingPoints]).toEqual([0, 0]);
    writer.addEpoch(runId, epoch(3));
    writer.flush();
    expect(stored(store)).toBe(2);
    store.close();
  });
});
