import { describe, expect, it } from 'vitest';
import { openStore } from './open-store';
import { exampleSpec, seedExperiment } from './testing/seed';
import { useTempDirs } from './testing/temp-dir';

const tempDir = useTempDirs();

function clockFrom(start: number): () => number {
  let now = start;
  return () => (now += 1000);
}

describe('experiments repository', () => {
  it('creates an experiment at spec version 1 and reads it back', () => {
    const store = openStore(tempDir(), { clock: clockFrom(Date.UTC(2025, 0, 1)) });
    const created = store.experiments.create(exampleSpec('Wisconsin'));
    expect(created).toMatchObject({ name: 'Wisconsin', specVersion: 1, runCounts: {} });
    expect(created.createdAt).toBe('2025-01-01T00:00:01.000Z');
    expect(store.experiments.get(created.id).spec).toEqual(exampleSpec('Wisconsin'));
    store.close();
  });

  it('adds a spec version only when the spec changes, keeping the history', () => {
    const store = openStore(tempDir());
    const { id } = store.experiments.create(exampleSpec('A'));
    const reordered = Object.fromEntries(Object.entries(exampleSpec('A')).reverse()) as ReturnType<
      typeof exampleSpec
    >;
    expect(store.experiments.update(id, reordered).specVersion).toBe(1);
    const changed = { ...exampleSpec('A'), description: 'fewer epochs' };
    expect(store.experiments.update(id, changed).specVersion).toBe(2);
    expect(store.experiments.rename(id, 'B')).toMatchObject({ name: 'B', specVersion: 3 });
    const history = store.experiments.history(id);
    expect(history.map((v) => [v.version, v.spec.name, v.spec.description])).toEqual([
      [1, 'A', exampleSpec().description],
      [2, 'A', 'fewer epochs'],
      [3, 'B', 'fewer epochs'],
    ]);
    expect(store.experiments.specVersion(id, 2).spec).toEqual(changed);
    store.close();
  });

  it('keeps runs pointing at the spec version they were launched with', () => {
    const store = openStore(tempDir());
    const { experiment, runs } = seedExperiment(store, exampleSpec('A', 2));
    store.experiments.rename(experiment.id, 'A2');
    expect(runs.map((run) => store.runs.get(run.id).specVersion)).toEqual([1, 1]);
    expect(store.experiments.get(experiment.id)).toMatchObject({
      specVersion: 2,
      runCounts: { queued: 2 },
    });
    store.close();
  });

  it('duplicates under a new name without the runs', () => {
    const store = openStore(tempDir());
    const { experiment } = seedExperiment(store, exampleSpec('Original', 2));
    const copy = store.experiments.duplicate(experiment.id);
    expect(copy).toMatchObject({ name: 'Original (copy)', specVersion: 1, runCounts: {} });
    expect(store.experiments.duplicate(experiment.id, 'Other').spec.name).toBe('Other');
    store.close();
  });

  it('deletes an experiment with its runs and says how many', () => {
    const store = openStore(tempDir());
    const { experiment, runs } = seedExperiment(store, exampleSpec('Doomed', 3));
    expect(store.experiments.delete(experiment.id)).toEqual({ deletedRuns: 3 });
    expect(() => store.runs.get(runs[0]!.id)).toThrow(/There is no run/);
    expect(() => store.experiments.get(experiment.id)).toThrow(/There is no experiment/);
    expect(() => store.experiments.delete(experiment.id)).toThrow(/There is no experiment/);
    store.close();
  });

  it('lists newest first and searches name, description and tags', () => {
    const store = openStore(tempDir(), { clock: clockFrom(0) });
    store.experiments.create(exampleSpec('Iris baseline'));
    store.experiments.create({
      ...exampleSpec('Other'),
      description: 'Tried on IRIS too',
      tags: [],
    });
    store.experiments.create({ ...exampleSpec('Tagged'), description: '', tags: ['iris-family'] });
    store.experiments.create({ ...exampleSpec('Unrelated'), description: '', tags: [] });
    expect(store.experiments.list().map((e) => e.name)).toEqual([
      'Unrelated',
      'Tagged',
      'Other',
      'Iris baseline',
    ]);
    expect(store.experiments.list('iris').map((e) => e.name)).toEqual([
      'Tagged',
      'Other',
      'Iris baseline',
    ]);
    store.close();
  });

  it('rejects a spec without a name', () => {
    const store = openStore(tempDir());
    expect(() => store.experiments.create({ ...exampleSpec(), name: '  ' })).toThrow(
      'spec.name must be non-empty text, received "  "',
    );
    store.close();
  });
});
