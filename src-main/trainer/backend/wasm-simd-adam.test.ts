import { describe, expect, it } from 'vitest';
import { optimizerSchema, type OptimizerConfig } from '@shared/experiment/optimization';
import { adamScalars, fusedStep } from '../optim/fused-step';
import { between, randomValues, seededRandom } from '../testing/backend-agreement';
import { simdAdam, type AdamPointers } from './wasm-simd-adam';

const configs = [
  { kind: 'adam' },
  { kind: 'adam', beta1: 0.5, beta2: 0.9, epsilon: 1e-3 },
  { kind: 'adamw', weightDecay: 0.1 },
  { kind: 'adamw', weightDecay: 0.05, decoupled: false },
].map((c) => optimizerSchema.parse(c) as Extract<OptimizerConfig, { kind: 'adam' | 'adamw' }>);

describe('SIMD Adam over a wasm memory', () => {
  it('is bit-identical to the scalar fused step, weights, slots and norms, at every size', () => {
    const random = seededRandom(5);
    const memory = new WebAssembly.Memory({ initial: 64 });
    const kernel = simdAdam(memory);
    if (kernel === null) throw new Error('this Node has no WebAssembly SIMD');
    const sizes = [
      1,
      3,
      4,
      5,
      8,
      17,
      1000,
      4099,
      ...Array.from({ length: 6 }, () => between(random, 1, 300)),
    ];
    for (const [k, config] of configs.entries()) {
      for (const size of sizes) {
        const names = [
          'param',
          'grad',
          'nextParam',
          'expAvg',
          'nextExpAvg',
          'expAvgSq',
          'nextExpAvgSq',
          'squares',
        ] as const;
        // One value apart from the next array, so the remainder loop cannot touch a neighbour.
        const stride = 4 * (size + 1);
        const pointers = Object.fromEntries(
          names.map((n, i) => [n, 64 + i * stride]),
        ) as unknown as AdamPointers;
        const view = (n: (typeof names)[number], length = size) =>
          new Float32Array(memory.buffer, pointers[n], length);
        view('param').set(randomValues(random, [size]));
        view('grad').set(randomValues(random, [size]));
        view('expAvg').set(randomValues(random, [size]).map((v) => v / 10));
        view('expAvgSq').set(randomValues(random, [size]).map((v) => v * v));
        const step = 1 + k * 7;
        const lr = 1e-3 * (k + 1);
        const expected = {
          nextParam: new Float32Array(size),
          nextExpAvg: new Float32Array(size),
          nextExpAvgSq: new Float32Array(size),
          squares: new Float32Array(3),
        };
        fusedStep(
          config,
          {
            param: view('param'),
            grad: view('grad'),
            slots: { expAvg: view('expAvg'), expAvgSq: view('expAvgSq') },
            nextParam: expected.nextParam,
            nextSlots: { expAvg: expected.nextExpAvg, expAvgSq: expected.nextExpAvgSq },
            squares: expected.squares,
          },
          lr,
          step,
        );
        kernel(pointers, size, adamScalars(config, lr, step));
        const label = `${config.kind} ${JSON.stringify(config)} size ${size}`;
        expect(view('nextParam'), label).toEqual(expected.nextParam);
        expect(view('nextExpAvg'), label).toEqual(expected.nextExpAvg);
        expect(view('nextExpAvgSq'), label).toEqual(expected.nextExpAvgSq);
        expect(view('squares', 3), label).toEqual(expected.squares);
      }
    }
  });
});
