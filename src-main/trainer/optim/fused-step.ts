import type { OptimizerConfig } from '@shared/experiment/optimization';
import { assertNever } from '@shared/contract/envelope';
import type { SlotName } from './slots';

/**
 * One optimizer step for one parameter in a single pass over plain float32 arrays, with the squared
 * norms the layer monitor needs. Every operation is rounded to float32 (`Math.fround`) exactly where
 * the op-by-op TF.js path in optimizer.ts rounds (each op's result, each scalar operand), so the new
 * values are bit-identical to that path on the cpu backend; the norms are summed in float64 in
 * element order, as the cpu backend's Sum does.
 */

export interface FusedArrays {
  param: Float32Array;
  grad: Float32Array;
  /** Current slot values, by name (those of `slotNames(config)`). */
  slots: Partial<Record<SlotName, Float32Array>>;
  nextParam: Float32Array;
  nextSlots: Partial<Record<SlotName, Float32Array>>;
  /** Receives Σg², Σ(p′ − p)², Σp′² over the parameter's elements. */
  squares: Float32Array;
}

const f = Math.fround;

function slotPair(arrays: FusedArrays, name: SlotName): [Float32Array, Float32Array] {
  const current = arrays.slots[name];
  const next = arrays.nextSlots[name];
  if (current === undefined || next === undefined)
    throw new Error(`fused step: slot ${name} is missing`);
  return [current, next];
}

// One plain loop per rule over typed-array arguments: V8 keeps such loops optimised, where one
// function switching over every rule kept deoptimising on the branches a run never takes.

function sgd(p: Float32Array, g: Float32Array, out: Float32Array, rate: number): void {
  for (let i = 0; i < p.length; i++) out[i] = f((p[i] as number) - f((g[i] as number) * rate));
}

function momentum(
  p: Float32Array,
  g: Float32Array,
  out: Float32Array,
  buffer: Float32Array,
  nextBuffer: Float32Array,
  rate: number,
  mu: number,
  nesterov: boolean,
): void {
  for (let i = 0; i < p.length; i++) {
    const gi = g[i] as number;
    const b = f(f((buffer[i] as number) * mu) + gi);
    nextBuffer[i] = b;
    const direction = nesterov ? f(gi + f(b * mu)) : b;
    out[i] = f((p[i] as number) - f(direction * rate));
  }
}

function adagrad(
  p: Float32Array,
  g: Float32Array,
  out: Float32Array,
  sum: Float32Array,
  nextSum: Float32Array,
  rate: number,
  eps: number,
): void {
  for (let i = 0; i < p.length; i++) {
    const gi = g[i] as number;
    const s = f((sum[i] as number) + f(gi * gi));
    nextSum[i] = s;
    const std = f(f(Math.sqrt(s)) + eps);
    out[i] = f((p[i] as number) - f(f(gi / std) * rate));
  }
}

interface RmspropScalars {
  rate: number;
  alpha: number;
  keep: number;
  eps: number;
  mu: number;
}

/** RMSprop; `gradAvg`/`buffer` (and their next arrays) are empty when not centered / no momentum. */
function rmsprop(
  p: Float32Array,
  g: Float32Array,
  out: Float32Array,
  square: Float32Array,
  nextSquare: Float32Array,
  gradAvg: Float32Array,
  nextGradAvg: Float32Array,
  buffer: Float32Array,
  nextBuffer: Float32Array,
  s: RmspropScalars,
): void {
  const { rate, alpha, keep, eps, mu } = s;
  const centered = gradAvg.length > 0;
  const withMomentum = buffer.length > 0;
  for (let i = 0; i < p.length; i++) {
    const gi = g[i] as number;
    const sq = f(f((square[i] as number) * alpha) + f(f(gi * gi) * keep));
    nextSquare[i] = sq;
    let avg: number;
    if (centered) {
      const ga = f(f((gradAvg[i] as number) * alpha) + f(gi * keep));
      nextGradAvg[i] = ga;
      avg = f(f(Math.sqrt(f(sq - f(ga * ga)))) + eps);
    } else {
      avg = f(f(Math.sqrt(sq)) + eps);
    }
    if (withMomentum) {
      const b = f(f((buffer[i] as number) * mu) + f(gi / avg));
      nextBuffer[i] = b;
      out[i] = f((p[i] as number) - f(b * rate));
    } else {
      out[i] = f((p[i] as number) - f(f(gi / avg) * rate));
    }
  }
}

export interface AdamScalars {
  /** 0: Adam; 1: AdamW decoupled (shrink the weights); 2: AdamW coupled (decay into the gradient). */
  mode: 0 | 1 | 2;
  shrink: number;
  decay: number;
  beta1: number;
  beta2: number;
  keep1: number;
  keep2: number;
  stepSize: number;
  correction2: number;
  eps: number;
}

function adam(
  p: Float32Array,
  g: Float32Array,
  out: Float32Array,
  expAvg: Float32Array,
  nextExpAvg: Float32Array,
  expAvgSq: Float32Array,
  nextExpAvgSq: Float32Array,
  s: AdamScalars,
): void {
  const { mode, shrink, decay, beta1, beta2, keep1, keep2, stepSize, correction2, eps } = s;
  for (let i = 0; i < p.length; i++) {
    const p0 = p[i] as number;
    const pi = mode === 1 ? f(p0 * shrink) : p0;
    const gi = mode === 2 ? f((g[i] as number) + f(p0 * decay)) : (g[i] as number);
    const m = f(f((expAvg[i] as number) * beta1) + f(gi * keep1));
    const v = f(f((expAvgSq[i] as number) * beta2) + f(f(gi * gi) * keep2));
    nextExpAvg[i] = m;
    nextExpAvgSq[i] = v;
    const denom = f(f(f(Math.sqrt(v)) / correction2) + eps);
    out[i] = f(pi - f(f(m / denom) * stepSize));
  }
}

/** Adam's and AdamW's per-step scalars, rounded to float32 as the op-by-op path's operands. */
export function adamScalars(
  config: Extract<OptimizerConfig, { kind: 'adam' | 'adamw' }>,
  lr: number,
  step: number,
): AdamScalars {
  const adamw = config.kind === 'adamw' ? config : null;
  return {
    mode: adamw === null ? 0 : adamw.decoupled ? 1 : 2,
    shrink: adamw === null ? 1 : f(1 - lr * adamw.weightDecay),
    decay: adamw === null ? 0 : f(adamw.weightDecay),
    beta1: f(config.beta1),
    beta2: f(config.beta2),
    keep1: f(1 - config.beta1),
    keep2: f(1 - config.beta2),
    stepSize: f(lr / (1 - config.beta1 ** step)),
    correction2: f(Math.sqrt(1 - config.beta2 ** step)),
    eps: f(config.epsilon),
  };
}

const none = new Float32Array(0);
const noSlot: [Float32Array, Float32Array] = [none, none];

/** Writes `nextParam` and the next slots; PyTorch's rules, as optimizer.ts's `updateRule`. */
function update(config: OptimizerConfig, arrays: FusedArrays, lr: number, step: number): void {
  const { param, grad, nextParam } = arrays;
  const rate = f(lr);
  switch (config.kind) {
    case 'sgd':
      return sgd(param, grad, nextParam, rate);
    case 'momentum':
      return momentum(
        param,
        grad,
        nextParam,
        ...slotPair(arrays, 'momentum'),
        rate,
        f(config.momentum),
        config.nesterov,
      );
    case 'adagrad':
      return adagrad(param, grad, nextParam, ...slotPair(arrays, 'sum'), rate, f(config.epsilon));
    case 'rmsprop':
      return rmsprop(
        param,
        grad,
        nextParam,
        ...slotPair(arrays, 'squareAvg'),
        ...(config.centered ? slotPair(arrays, 'gradAvg') : noSlot),
        ...(config.momentum > 0 ? slotPair(arrays, 'momentum') : noSlot),
        {
          rate,
          alpha: f(config.rho),
          keep: f(1 - config.rho),
          eps: f(config.epsilon),
          mu: f(config.momentum),
        },
      );
    case 'adam':
    case 'adamw':
      return adam(
        param,
        grad,
        nextParam,
        ...slotPair(arrays, 'expAvg'),
        ...slotPair(arrays, 'expAvgSq'),
        adamScalars(config, lr, step),
      );
    case 'lbfgs':
      throw new Error('L-BFGS has no per-batch update: the trainer runs it as a full-batch step');
    default:
      return assertNever(config, 'optimizer kind');
  }
}

// Each sum is its own loop that ends in `return`: V8 compiles such a loop on the fly (OSR) before
// the code after it has run, and a store after the loop deoptimised it on every call.

function sumOfSquares(values: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    sum += f(v * v);
  }
  return sum;
}

function sumOfSquaredChanges(before: Float32Array, after: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < before.length; i++) {
    const d = f((after[i] as number) - (before[i] as number));
    sum += f(d * d);
  }
  return sum;
}

/** One step at rate `lr`, `step` being the 1-based count after this one, with its squared norms. */
export function fusedStep(
  config: OptimizerConfig,
  arrays: FusedArrays,
  lr: number,
  step: number,
): void {
  update(config, arrays, lr, step);
  const { param, grad, nextParam } = arrays;
  arrays.squares.set([
    sumOfSquares(grad),
    sumOfSquaredChanges(param, nextParam),
    sumOfSquares(nextParam),
  ]);
}
