import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { optimizerSchema } from '@shared/experiment/optimization';
import { selectBackend } from '../backend/select-backend';
import { OPTIMIZER_STEP, wasmOptimizerStepKernel } from '../backend/wasm-optimizer-step';
import { Optimizer } from './optimizer';
import fixture from './fixtures/torch-optimizers.json';

function label(config: Record<string, unknown>): string {
  return Object.entries(config)
    .map(([key, value]) => `${key}=${String(value)}`)
    .join(' ');
}

/** Parameter values after each fixture step, and the norms each step reported. */
function run(config: unknown): { params: number[][]; squares: number[][] } {
  const parsed = optimizerSchema.parse(config);
  const variable = tf.variable(tf.tensor(fixture.initial, fixture.shape as [number, number]));
  const optimizer = new Optimizer(parsed, [variable]);
  const params: number[][] = [];
  const squares: number[][] = [];
  fixture.gradients.forEach((gradient, step) => {
    const grad = tf.tensor(gradient, fixture.shape as [number, number]);
    const reported = optimizer.apply([grad], fixture.learningRates[step] as number);
    squares.push(Array.from(reported[0]?.dataSync() ?? []));
    tf.dispose([reported, grad]);
    params.push(Array.from(variable.dataSync()));
  });
  optimizer.dispose();
  variable.dispose();
  return { params, squares };
}

type Engine = 'cpu' | 'wasm' | 'wasm, fused kernel';

async function useEngine(engine: Engine): Promise<void> {
  await selectBackend({ forced: engine === 'cpu' ? 'cpu' : 'wasm', cudaVisibleDevices: undefined });
  const fused = tf.getKernel(OPTIMIZER_STEP, 'wasm') !== undefined;
  if (engine === 'wasm, fused kernel' && !fused) tf.registerKernel(wasmOptimizerStepKernel);
  if (engine === 'wasm' && fused) tf.unregisterKernel(OPTIMIZER_STEP, 'wasm');
}

describe.each(['cpu', 'wasm', 'wasm, fused kernel'] as const)(
  'optimizers on %s match torch.optim (float32)',
  (engine) => {
    it.each(fixture.cases.map((c) => [label(c.config), c] as const))(
      '%s',
      async (_name, testCase) => {
        await useEngine(engine);
        const actual = run(testCase.config).params;
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

describe('the fused optimizer step', () => {
  it.each(fixture.cases.map((c) => [label(c.config), c] as const))(
    'is bit-identical on wasm to the op-by-op rule on cpu, norms included: %s',
    async (_name, testCase) => {
      await useEngine('cpu');
      const expected = run(testCase.config);
      await useEngine('wasm, fused kernel');
      const actual = run(testCase.config);
      expect(actual.params).toEqual(expected.params);
      expect(actual.squares).toEqual(expected.squares);
    },
  );
});

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
