import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { optimizerSchema } from '@shared/experiment/optimization';
import { selectBackend } from '../backend/select-backend';
import { Optimizer } from './optimizer';
import fixture from './fixtures/torch-optimizers.json';

function label(config: Record<string, unknown>): string {
  return Object.entries(config)
    .map(([key, value]) => `${key}=${String(value)}`)
    .join(' ');
}

function run(config: unknown): number[][] {
  const parsed = optimizerSchema.parse(config);
  const variable = tf.variable(tf.tensor(fixture.initial, fixture.shape as [number, number]));
  const optimizer = new Optimizer(parsed, [variable]);
  const history: number[][] = [];
  fixture.gradients.forEach((gradient, step) => {
    const grad = tf.tensor(gradient, fixture.shape as [number, number]);
    tf.dispose(optimizer.apply([grad], fixture.learningRates[step] as number));
    grad.dispose();
    history.push(Array.from(variable.dataSync()));
  });
  optimizer.dispose();
  variable.dispose();
  return history;
}

describe.each(['cpu', 'wasm'] as const)(
  'optimizers on %s match torch.optim (float32)',
  (backend) => {
    it.each(fixture.cases.map((c) => [label(c.config), c] as const))(
      '%s',
      async (_name, testCase) => {
        await selectBackend({ forced: backend, cudaVisibleDevices: undefined });
        const actual = run(testCase.config);
        testCase.params.forEach((expected, step) => {
          expected.forEach((value, i) => {
            const got = actual[step]?.[i] as number;
            expect(Math.abs(got - value), `step ${step} element ${i}`).toBeLessThanOrEqual(
              2e-6 * Math.max(1, Math.abs(value)),
            );
          });
        });
      },
    );
  },
);

describe('optimizer state', () => {
  it('continues bit-identically after export and import into a fresh optimizer', async () => {
    await selectBackend({ forced: 'cpu', cudaVisibleDevices: undefined });
    const config = optimizerSchema.parse({ kind: 'rmsprop', momentum: 0.5, centered: true });
    const steps = fixture.gradients.map((g) => tf.tensor(g, fixture.shape as [number, number]));
    const straight = tf.variable(tf.tensor(fixture.initial, fixture.shape as [number, number]));
    const first = new Optimizer(config, [straight]);
    for (const grad of steps) tf.dispose(first.apply([grad], 0.01));

    const resumed = tf.variable(tf.tensor(fixture.initial, fixture.shape as [number, number]));
    const before = new Optimizer(config, [resumed]);
    for (const grad of steps.slice(0, 3)) tf.dispose(before.apply([grad], 0.01));
    const after = new Optimizer(config, [resumed]);
    after.importState(before.exportState());
    before.dispose();
    for (const grad of steps.slice(3)) tf.dispose(after.apply([grad], 0.01));

    expect(after.steps).toBe(first.steps);
    expect(Array.from(resumed.dataSync())).toEqual(Array.from(straight.dataSync()));
    tf.dispose([...steps, straight, resumed]);
    first.dispose();
    after.dispose();
  });
});
