import { describe, expect, it } from 'vitest';
import type { DoneMessage } from '@shared/contract/trainer-protocol';
import { irisSpec, spiralsSpec } from './testing/specs';
import { runTrainer } from './testing/trainer-harness';

function classification(done: DoneMessage) {
  const diagnostics = done.testDiagnostics;
  if (diagnostics?.kind !== 'classification')
    throw new Error('expected classification diagnostics');
  return diagnostics;
}

/** Accuracy read off a confusion matrix: its diagonal over its total. */
function matrixAccuracy(counts: number[][]): { total: number; accuracy: number } {
  const total = counts.flat().reduce((a, b) => a + b, 0);
  const correct = counts.reduce((sum, row, i) => sum + (row[i] as number), 0);
  return { total, accuracy: correct / total };
}

describe('test-split diagnostics of the selected model', () => {
  it('sends a multiclass confusion matrix that agrees with the test accuracy', async () => {
    const run = await runTrainer({ spec: irisSpec({ training: { epochs: 5 } }) });
    expect(run.exitCode).toBe(0);
    const diagnostics = classification(run.done);
    expect(diagnostics.classes).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(diagnostics.confusionMatrix).toHaveLength(3);
    const { total, accuracy } = matrixAccuracy(diagnostics.confusionMatrix);
    // The default split holds out 10% of Iris's 150 rows for test.
    expect(total).toBe(15);
    expect(accuracy).toBeCloseTo(run.done.testMetrics['test.accuracy'] as number, 12);
    expect(diagnostics.roc).toBeNull();
    expect(diagnostics.precisionRecall).toBeNull();
  });

  it('sends binary ROC and precision-recall curves whose areas are the test metrics', async () => {
    const run = await runTrainer({ spec: spiralsSpec({ training: { epochs: 5 } }) });
    expect(run.exitCode).toBe(0);
    const diagnostics = classification(run.done);
    const { total, accuracy } = matrixAccuracy(diagnostics.confusionMatrix);
    // 10% of the 600 generated points.
    expect(total).toBe(60);
    expect(accuracy).toBeCloseTo(run.done.testMetrics['test.accuracy'] as number, 12);
    const { roc, precisionRecall } = diagnostics;
    expect(roc?.auc).toBeCloseTo(run.done.testMetrics['test.auc'] as number, 12);
    expect(precisionRecall?.averagePrecision).toBeCloseTo(
      run.done.testMetrics['test.averagePrecision'] as number,
      12,
    );
    expect(roc?.falsePositiveRate.length).toBeLessThanOrEqual(500);
    expect([roc?.falsePositiveRate.at(0), roc?.truePositiveRate.at(0)]).toEqual([0, 0]);
    expect([roc?.falsePositiveRate.at(-1), roc?.truePositiveRate.at(-1)]).toEqual([1, 1]);
    expect([precisionRecall?.recall.at(-1), precisionRecall?.precision.at(-1)]).toEqual([0, 1]);
  });
});
