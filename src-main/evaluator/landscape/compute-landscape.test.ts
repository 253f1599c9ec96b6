import { describe, expect, it } from 'vitest';
import { layerSchema } from '@shared/experiment';
import { normalizeFilters } from '@shared/landscape';
import { selectBackend } from '../../trainer/backend/select-backend';
import { foldedActivation } from '../../trainer/model/forward';
import { buildNetwork } from '../../trainer/model/network';
import { computeLandscape } from './compute-landscape';
import { createLandscapeScorer } from './landscape-scorer';
import fixture from './fixtures/torch-landscape.json';

const FIXTURE_ORDER = [
  'l00_dense/kernel',
  'l00_dense/bias',
  'l01_batchNorm/gamma',
  'l01_batchNorm/beta',
  'l01_batchNorm/moving_mean',
  'l01_batchNorm/moving_variance',
  'l03_dense/kernel',
  'l03_dense/bias',
];

/** The fixture's net: dense 6 (linear) → batch norm → relu → dense 3 softmax, cross-entropy. */
function setUp(recompute: boolean) {
  const layers = [
    { type: 'dense', units: 6, activation: 'linear' },
    { type: 'batchNorm', epsilon: fixture.epsilon },
    { type: 'activation', activation: 'relu' },
    { type: 'dense', units: 3, activation: 'softmax' },
  ].map((layer) => layerSchema.parse(layer));
  const network = buildNetwork(layers, [4]);
  const part = (split: { x: number[][]; y: number[] }) => ({
    count: split.y.length,
    x: Float32Array.from(split.x.flat()),
    y: Float32Array.from(split.y),
    rows: Int32Array.from(split.y, (_, i) => i),
  });
  const scorer = createLandscapeScorer(
    {
      network,
      loss: { kind: 'categoricalCrossentropy' },
      folded: foldedActivation(network),
      inputShape: [4],
      layout: { kind: 'oneHot', classes: 3 },
      columns: 3,
    },
    {
      task: 'multiclass',
      train: part(fixture.train),
      trainTotal: fixture.train.y.length,
      validation: part(fixture.validation),
    },
    { recompute, batchSize: fixture.batchSize },
  );
  // TF.js lists trainable weights before the moving statistics; the fixture is in layer order.
  const order = network.model.weights.map((w) => FIXTURE_ORDER.indexOf(w.originalName));
  const weights = (set: number[][]) => order.map((i) => Float32Array.from(set[i] as number[]));
  const shapes = order.map((i) => fixture.shapes[i] as number[]);
  return {
    scorer,
    shapes,
    a: weights(fixture.weights.a),
    b: weights(fixture.weights.b),
    c: weights(fixture.weights.c),
  };
}

type Scores = {
  trainLoss: number;
  valLoss: number;
  trainAccuracy: number | null;
  valAccuracy: number | null;
};

function expectScores(actual: Scores, expected: Scores): void {
  expect(Math.abs(actual.trainLoss - expected.trainLoss)).toBeLessThan(1e-5);
  expect(Math.abs(actual.valLoss - expected.valLoss)).toBeLessThan(1e-5);
  expect(actual.trainAccuracy).toBeCloseTo(expected.trainAccuracy as number, 6);
  expect(actual.valAccuracy).toBeCloseTo(expected.valAccuracy as number, 6);
}

describe('computeLandscape against PyTorch (tools/fixtures/gen_torch_landscape.py)', () => {
  it.each([
    ['interpolated', false],
    ['recomputed', true],
  ] as const)(
    'line with batch-norm statistics %s: every t within 1e-5 of torch',
    async (name, recompute) => {
      await selectBackend({ forced: 'wasm', cudaVisibleDevices: undefined });
      const { scorer, shapes, a, b } = setUp(recompute);
      expect(scorer.recomputesBatchNorm).toBe(recompute);
      const progress: number[] = [];
      const result = await computeLandscape(
        { shape: 'line', weights: [a, b], shapes, points: 7, seed: 0 },
        scorer,
        (done) => void progress.push(done),
      );
      const expected = fixture.line[name];
      expect(progress).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
      if (result.kind !== 'line') throw new Error('expected a line');
      expect(result.points.map((p) => p.t)).toEqual(fixture.tValues);
      result.points.forEach((point, i) => expectScores(point, expected.points[i] as Scores));
      for (const split of ['train', 'validation'] as const) {
        expect(result.barrier[split].t).toBe(expected.barrier[split].t);
        expect(
          Math.abs(result.barrier[split].height - expected.barrier[split].height),
        ).toBeLessThan(2e-5);
      }
    },
  );

  it('plane through three checkpoints: marks and the 3 × 3 grid match torch', async () => {
    await selectBackend({ forced: 'wasm', cudaVisibleDevices: undefined });
    const { scorer, shapes, a, b, c } = setUp(true);
    const result = await computeLandscape(
      { shape: 'plane', weights: [a, b, c], shapes, points: 3, seed: 0 },
      scorer,
      () => undefined,
    );
    if (result.kind !== 'plane') throw new Error('expected a plane');
    result.marks.forEach((mark, i) => {
      const want = fixture.plane.marks[i] as { label: string; x: number; y: number };
      expect(mark.label).toBe(want.label);
      expect(mark.x).toBeCloseTo(want.x, 5);
      expect(mark.y).toBeCloseTo(want.y, 5);
    });
    result.x.forEach((x, i) => expect(x).toBeCloseTo(fixture.plane.x[i] as number, 5));
    result.y.forEach((y, i) => expect(y).toBeCloseTo(fixture.plane.y[i] as number, 5));
    result.points.forEach((point, i) => expectScores(point, fixture.plane.points[i] as Scores));
  });

  it("filter normalisation matches Li et al.'s normalize_direction", () => {
    const weights = {
      shapes: fixture.shapes,
      values: fixture.weights.a.map((tensor) => Float32Array.from(tensor)),
    };
    const normalized = normalizeFilters(fixture.filterNormalization.direction, weights);
    normalized.forEach((tensor, i) =>
      Array.from(tensor).forEach((value, k) =>
        expect(value).toBeCloseTo(fixture.filterNormalization.expected[i]?.[k] as number, 6),
      ),
    );
  });

  it('random directions around one checkpoint are seeded: same seed, same grid', async () => {
    await selectBackend({ forced: 'wasm', cudaVisibleDevices: undefined });
    const { scorer, shapes, a } = setUp(false);
    const run = (seed: number) =>
      computeLandscape(
        { shape: 'directions', weights: [a], shapes, points: 3, seed },
        scorer,
        () => undefined,
      );
    const first = await run(5);
    if (first.kind !== 'plane') throw new Error('expected a plane');
    expect(first.points).toHaveLength(9);
    // The centre of the grid is the checkpoint itself.
    expectScores(first.points[4] as Scores, fixture.line.interpolated.points[1] as Scores);
    expect(await run(5)).toEqual(first);
    expect((await run(6)).points[0]?.trainLoss).not.toBe(first.points[0]?.trainLoss);
  });
});
