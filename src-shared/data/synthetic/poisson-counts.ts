import type { GeneratorOptions } from '../../experiment/datasets';
import { Rng } from '../../random';
import type { Table } from '../table/table';
import { generatedTable } from './generated-table';
import { samplePoisson } from './sample-poisson';

/**
 * The ground truth of the poisson-counts dataset: features x1, x2, x3 independent and uniform on
 * [−1, 1], and count ~ Poisson(λ) with log λ = 0.5 + 0.8·x1 − 0.5·x2 + 0.25·x3 + ε, where
 * ε ~ N(0, noise²) (noise 0: a pure Poisson GLM, which a model with a log link can recover exactly).
 */
export const POISSON_TRUTH: {
  readonly intercept: number;
  readonly coefficients: readonly number[];
} = {
  intercept: 0.5,
  coefficients: [0.8, -0.5, 0.25],
};

/** The true rate of a feature vector (without the noise term). */
export function poissonTrueRate(features: readonly number[]): number {
  const { intercept, coefficients } = POISSON_TRUTH;
  return Math.exp(
    coefficients.reduce((sum, beta, j) => sum + beta * (features[j] ?? 0), intercept),
  );
}

/**
 * E[count] = E[λ] = e^{β₀} · Π sinh(βⱼ)/βⱼ · e^{noise²/2}: the mean of e^{βx} for x uniform on
 * [−1, 1] is sinh(β)/β, and of e^ε for normal ε it is e^{σ²/2}.
 */
export function poissonMeanRate(noise: number): number {
  const { intercept, coefficients } = POISSON_TRUTH;
  const spread = coefficients.reduce(
    (product, beta) => product * (beta === 0 ? 1 : Math.sinh(beta) / beta),
    1,
  );
  return Math.exp(intercept + (noise * noise) / 2) * spread;
}

/** Columns x1, x2, x3 and the target `count`. */
export function generatePoissonCounts({ samples, noise, seed }: GeneratorOptions): Table {
  const rng = Rng.fromSeed(seed);
  const features = POISSON_TRUTH.coefficients.map(() => new Float64Array(samples));
  const count = new Float64Array(samples);
  for (let row = 0; row < samples; row++) {
    const x = features.map((column) => (column[row] = 2 * rng.uniform() - 1));
    const logRateNoise = noise === 0 ? 0 : rng.normal(0, noise);
    count[row] = samplePoisson(rng, poissonTrueRate(x) * Math.exp(logRateNoise));
  }
  const [x1, x2, x3] = features as [Float64Array, Float64Array, Float64Array];
  return generatedTable('poisson-counts', { x1, x2, x3, count });
}
