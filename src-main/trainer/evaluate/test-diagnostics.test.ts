import { describe, expect, it } from 'vitest';
import { evenlySpacedIndices, testDiagnostics } from './test-diagnostics';

describe('evenlySpacedIndices', () => {
  it('keeps every index of a short list', () => {
    expect(evenlySpacedIndices(4, 10)).toEqual([0, 1, 2, 3]);
  });

  it('thins a long list to the limit, keeping both ends', () => {
    const kept = evenlySpacedIndices(1001, 500);
    expect(kept).toHaveLength(500);
    expect(kept[0]).toBe(0);
    expect(kept.at(-1)).toBe(1000);
    expect(new Set(kept).size).toBe(500);
    expect(evenlySpacedIndices(9, 3)).toEqual([0, 4, 8]);
  });
});

describe('testDiagnostics', () => {
  const targets = Float32Array.from([0, 0, 1, 1, 1]);

  it('reads a sigmoid column and a two-class softmax the same way', () => {
    const sigmoid = Float32Array.from([0.2, 0.6, 0.7, 0.4, 0.9]);
    const softmax = Float32Array.from([...sigmoid].flatMap((p) => [1 - p, p]));
    const fromSigmoid = testDiagnostics('binary', ['no', 'yes'], targets, sigmoid, 1);
    expect(fromSigmoid).toMatchObject({
      kind: 'classification',
      classes: ['no', 'yes'],
      confusionMatrix: [
        [1, 1],
        [1, 2],
      ],
    });
    if (fromSigmoid.kind !== 'classification') throw new Error('expected classification');
    // scikit-learn: roc_auc_score([0,0,1,1,1], [.2,.6,.7,.4,.9]) = 5/6.
    expect(fromSigmoid.roc?.auc).toBeCloseTo(5 / 6, 12);
    const fromSoftmax = testDiagnostics('binary', ['no', 'yes'], targets, softmax, 2);
    if (fromSoftmax.kind !== 'classification') throw new Error('expected classification');
    expect(fromSoftmax.confusionMatrix).toEqual(fromSigmoid.confusionMatrix);
    expect(fromSoftmax.roc?.auc).toBeCloseTo(5 / 6, 6);
  });

  it('leaves the curves out where the test split holds one class only', () => {
    const ones = Float32Array.from([1, 1]);
    const result = testDiagnostics('binary', ['no', 'yes'], ones, Float32Array.from([0.3, 0.8]), 1);
    expect(result).toMatchObject({
      roc: null,
      confusionMatrix: [
        [0, 0],
        [1, 1],
      ],
    });
  });

  it('keeps evenly spaced (actual, predicted) pairs for regression', () => {
    const values = Float32Array.from({ length: 5000 }, (_, i) => i);
    const result = testDiagnostics('regression', null, values, values, 1);
    if (result.kind !== 'regression') throw new Error('expected regression');
    expect(result.testCount).toBe(5000);
    expect(result.actual).toHaveLength(2000);
    expect(result.actual[0]).toBe(0);
    expect(result.actual.at(-1)).toBe(4999);
    expect(result.predicted).toEqual(result.actual);
  });

  it('refuses class labels that do not match the model', () => {
    expect(() =>
      testDiagnostics('multiclass', ['a', 'b'], targets, new Float32Array(15), 3),
    ).toThrow('classes: a multiclass model with 3 classes needs as many class labels, received 2');
  });
});
