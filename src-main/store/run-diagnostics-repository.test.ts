import { describe, expect, it } from 'vitest';
import type { TestDiagnostics } from '@shared/contract/diagnostics';
import { openStore } from './open-store';
import { exampleSpec, seedExperiment } from './testing/seed';
import { useTempDirs } from './testing/temp-dir';

const tempDir = useTempDirs();

const binary: TestDiagnostics = {
  kind: 'classification',
  classes: ['benign', 'malignant'],
  confusionMatrix: [
    [40, 3],
    [2, 25],
  ],
  roc: { falsePositiveRate: [0, 0.1, 1], truePositiveRate: [0, 0.9, 1], auc: 0.9 },
  precisionRecall: { recall: [1, 0.5, 0], precision: [0.4, 0.8, 1], averagePrecision: 0.75 },
};

const regression: TestDiagnostics = {
  kind: 'regression',
  testCount: 3,
  actual: [1, 2.5, 3],
  predicted: [1.2, 2, 3.5],
};

function finishedRun(status: 'succeeded' | 'failed' = 'succeeded') {
  const store = openStore(tempDir());
  const [run] = seedExperiment(store, exampleSpec('BC', 1)).runs;
  store.runs.start(run!.id, { backend: 'cpu', device: 'cpu:0' });
  store.runs.finish(run!.id, status);
  return { store, runId: run!.id };
}

describe('run diagnostics repository', () => {
  it('reads back what was recorded, and null for a run without diagnostics', () => {
    const { store, runId } = finishedRun();
    expect(store.runDiagnostics.get(runId)).toBeNull();
    store.runDiagnostics.record(runId, binary);
    expect(store.runDiagnostics.get(runId)).toEqual(binary);
    store.runDiagnostics.record(runId, regression);
    expect(store.runDiagnostics.get(runId)).toEqual(regression);
    store.close();
  });

  it('forgets them when the run is retried', () => {
    const { store, runId } = finishedRun('failed');
    store.runDiagnostics.record(runId, binary);
    store.runs.requeue(runId, 'retry');
    expect(store.runDiagnostics.get(runId)).toBeNull();
    store.close();
  });

  it('refuses diagnostics for a run that does not exist', () => {
    const { store } = finishedRun();
    expect(() => store.runDiagnostics.record(999, binary)).toThrow(/FOREIGN KEY/);
    store.close();
  });
});
