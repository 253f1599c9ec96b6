import { describe, expect, it } from 'vitest';
import fixture from './fixtures/torch-lbfgs.json';
import { Lbfgs, type LbfgsOptions, type Objective } from './lbfgs';
import { cubicInterpolate } from './strong-wolfe';

/**
 * The fixture's two problems, computed in float64 as PyTorch does (weights in PyTorch's layout:
 * [out, in] matrix then bias, per layer), so the comparison isolates the optimizer.
 */
const rows = fixture.x.length;

function logistic(w: Float64Array): { loss: number; grad: Float64Array } {
  const grad = new Float64Array(5);
  let loss = 0;
  fixture.x.forEach((x, r) => {
    const z = x.reduce((sum, v, j) => sum + v * w[j]!, w[4]!);
    const y = fixture.binary[r]!;
    // BCE with logits, stably: max(z, 0) − z·y + log(1 + e^−|z|).
    loss += Math.max(z, 0) - z * y + Math.log1p(Math.exp(-Math.abs(z)));
    const residual = 1 / (1 + Math.exp(-z)) - y;
    x.forEach((v, j) => (grad[j]! += (residual * v) / rows));
    grad[4]! += residual / rows;
  });
  return { loss: loss / rows, grad };
}

/** Linear(4, 8) → tanh → Linear(8, 3), mean cross-entropy. */
function mlp(w: Float64Array): { loss: number; grad: Float64Array } {
  const [W1, b1, W2, b2] = [0, 32, 40, 64];
  const grad = new Float64Array(w.length);
  let loss = 0;
  fixture.x.forEach((x, r) => {
    const hidden = Array.from({ length: 8 }, (_, i) =>
      Math.tanh(x.reduce((sum, v, j) => sum + v * w[W1 + i * 4 + j]!, w[b1 + i]!)),
    );
    const logits = Array.from({ length: 3 }, (_, k) =>
      hidden.reduce((sum, h, i) => sum + h * w[W2 + k * 8 + i]!, w[b2 + k]!),
    );
    const top = Math.max(...logits);
    const logSum = top + Math.log(logits.reduce((sum, l) => sum + Math.exp(l - top), 0));
    const label = fixture.classes[r]!;
    loss += logSum - logits[label]!;
    const dLogits = logits.map((l, k) => (Math.exp(l - logSum) - (k === label ? 1 : 0)) / rows);
    const dHidden = hidden.map((h, i) => {
      const back = dLogits.reduce((sum, d, k) => sum + d * w[W2 + k * 8 + i]!, 0);
      return back * (1 - h * h);
    });
    dLogits.forEach((d, k) => {
      grad[b2 + k]! += d;
      hidden.forEach((h, i) => (grad[W2 + k * 8 + i]! += d * h));
    });
    dHidden.forEach((d, i) => {
      grad[b1 + i]! += d;
      x.forEach((v, j) => (grad[W1 + i * 4 + j]! += d * v));
    });
  });
  return { loss: loss / rows, grad };
}

const objectives: Record<string, (x: Float64Array) => Awaited<ReturnType<Objective>>> = {
  logistic,
  mlp,
};

function optionsOf(lineSearch: boolean, maxIterations: number): LbfgsOptions {
  return {
    learningRate: 1,
    maxIterations,
    maxEvaluations: Math.floor((maxIterations * 5) / 4),
    toleranceGrad: 1e-7,
    toleranceChange: 1e-9,
    historySize: 10,
    lineSearch: lineSearch ? 'strongWolfe' : null,
  };
}

function relativeError(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.abs(expected);
}

describe('L-BFGS against torch.optim.LBFGS (float64, same initial weights)', () => {
  it.each(fixture.problems)('$name: the loss before each of 20 iterations', async (problem) => {
    const optimizer = new Lbfgs(optionsOf(problem.lineSearch, 1));
    const x = Float64Array.from(problem.initialWeights.flat());
    for (const [i, expected] of problem.perIteration.entries()) {
      const step = await optimizer.step(objectives[problem.model]!, x);
      expect(relativeError(step.loss, expected.loss), `iteration ${i + 1}`).toBeLessThan(1e-9);
      expect([optimizer.iterations, optimizer.evaluations]).toEqual([
        expected.iterations,
        expected.evaluations,
      ]);
    }
  });

  it.each(fixture.problems)(
    '$name: three default steps of up to 20 iterations',
    async (problem) => {
      const optimizer = new Lbfgs(optionsOf(problem.lineSearch, 20));
      const x = Float64Array.from(problem.initialWeights.flat());
      // Over 60 iterations the MLP's last digits drift (4e-7 relative by the third step, at a loss of
      // 0.012): 1e-6 here, 1e-9 over the first 20 iterations above.
      for (const expected of problem.perStep) {
        const step = await optimizer.step(objectives[problem.model]!, x);
        expect(relativeError(step.loss, expected.loss)).toBeLessThan(1e-6);
        expect(relativeError(objectives[problem.model]!(x).loss, expected.lossAfter)).toBeLessThan(
          1e-6,
        );
        expect([optimizer.iterations, optimizer.evaluations]).toEqual([
          expected.iterations,
          expected.evaluations,
        ]);
      }
    },
  );

  it('interpolates a cubic to its minimum, and bisects when it has none', () => {
    // f(t) = (t − 1)² has its minimum at 1: from (0, 1, −2) and (3, 4, 4).
    expect(cubicInterpolate(0, 1, -2, 3, 4, 4)).toBeCloseTo(1, 12);
    expect(cubicInterpolate(0, 0, 1, 1, 2 / 3, 1)).toBe(0.5);
  });
});
