import * as tf from '@tensorflow/tfjs';
import type { OptimizerConfig } from '@shared/experiment/optimization';
import { assertNever } from '@shared/contract/envelope';
import { fusesEverySize, OPTIMIZER_STEP } from '../backend/wasm-optimizer-step';
import { slotNames, type SlotName } from './slots';

/**
 * The optimizers of the spec with PyTorch's update rules (torch.optim, single-tensor path), written
 * as plain TF.js ops so that the learning rate is an argument of every step, the state can be saved
 * and restored exactly, and AdamW's decoupled weight decay exists (TF.js has no AdamW).
 */

type Slots = Partial<Record<SlotName, tf.Tensor>>;

function slot(slots: Slots, name: SlotName): tf.Tensor {
  const value = slots[name];
  if (value === undefined) throw new Error(`optimizer slot ${name} is missing`);
  return value;
}

/** One PyTorch step for one parameter: the new parameter value and the new slot values. */
function updateRule(
  config: OptimizerConfig,
  param: tf.Tensor,
  grad: tf.Tensor,
  slots: Slots,
  lr: number,
  step: number,
): { param: tf.Tensor; slots: Slots } {
  switch (config.kind) {
    case 'sgd':
      return { param: tf.sub(param, tf.mul(grad, lr)), slots: {} };
    case 'momentum': {
      const buffer = tf.add(tf.mul(slot(slots, 'momentum'), config.momentum), grad);
      const direction = config.nesterov ? tf.add(grad, tf.mul(buffer, config.momentum)) : buffer;
      return { param: tf.sub(param, tf.mul(direction, lr)), slots: { momentum: buffer } };
    }
    case 'adagrad': {
      const sum = tf.add(slot(slots, 'sum'), tf.square(grad));
      const std = tf.add(tf.sqrt(sum), config.epsilon);
      return { param: tf.sub(param, tf.mul(tf.div(grad, std), lr)), slots: { sum } };
    }
    case 'rmsprop': {
      const alpha = config.rho;
      const squareAvg = tf.add(
        tf.mul(slot(slots, 'squareAvg'), alpha),
        tf.mul(tf.square(grad), 1 - alpha),
      );
      const next: Slots = { squareAvg };
      let avg: tf.Tensor;
      if (config.centered) {
        const gradAvg = tf.add(tf.mul(slot(slots, 'gradAvg'), alpha), tf.mul(grad, 1 - alpha));
        next.gradAvg = gradAvg;
        avg = tf.add(tf.sqrt(tf.sub(squareAvg, tf.square(gradAvg))), config.epsilon);
      } else {
        avg = tf.add(tf.sqrt(squareAvg), config.epsilon);
      }
      if (config.momentum > 0) {
        const buffer = tf.add(tf.mul(slot(slots, 'momentum'), config.momentum), tf.div(grad, avg));
        next.momentum = buffer;
        return { param: tf.sub(param, tf.mul(buffer, lr)), slots: next };
      }
      return { param: tf.sub(param, tf.mul(tf.div(grad, avg), lr)), slots: next };
    }
    case 'adam':
    case 'adamw': {
      let p = param;
      let g = grad;
      if (config.kind === 'adamw') {
        if (config.decoupled) p = tf.mul(p, 1 - lr * config.weightDecay);
        else g = tf.add(g, tf.mul(p, config.weightDecay));
      }
      const expAvg = tf.add(
        tf.mul(slot(slots, 'expAvg'), config.beta1),
        tf.mul(g, 1 - config.beta1),
      );
      const expAvgSq = tf.add(
        tf.mul(slot(slots, 'expAvgSq'), config.beta2),
        tf.mul(tf.square(g), 1 - config.beta2),
      );
      const stepSize = lr / (1 - config.beta1 ** step);
      const biasCorrection2Sqrt = Math.sqrt(1 - config.beta2 ** step);
      const denom = tf.add(tf.div(tf.sqrt(expAvgSq), biasCorrection2Sqrt), config.epsilon);
      return {
        param: tf.sub(p, tf.mul(tf.div(expAvg, denom), stepSize)),
        slots: { expAvg, expAvgSq },
      };
    }
    case 'lbfgs':
      throw new Error('L-BFGS has no per-batch update: the trainer runs it as a full-batch step');
    default:
      return assertNever(config, 'optimizer kind');
  }
}

interface RuleResult {
  param: tf.Tensor;
  slots: Slots;
  /** [Σg², Σ(Δp)², Σp′²] */
  squares: tf.Tensor1D;
}

/** `updateRule` as separate TF.js ops, with the squared norms that `apply` reports. */
function opByOpRule(
  config: OptimizerConfig,
  variable: tf.Tensor,
  grad: tf.Tensor,
  slots: Slots,
  lr: number,
  step: number,
): RuleResult {
  const next = updateRule(config, variable, grad, slots, lr, step);
  const squares = tf.stack([
    tf.sum(tf.square(grad)),
    tf.sum(tf.square(tf.sub(next.param, variable))),
    tf.sum(tf.square(next.param)),
  ]) as tf.Tensor1D;
  return { ...next, squares };
}

/**
 * The fused kernel is a scalar JS loop for most rules: it saves the 15–20 kernel dispatches per
 * variable, which dominate small variables, but loses to wasm's SIMD ops on large ones. Measured
 * with bench/wasm-kernels.ts (Adam, JS loop): 38× faster at 2,048 elements, 0.83× at 32,768, 0.47×
 * at 200,704. Adam and AdamW run as a SIMD kernel instead, fused at every size (`fusesEverySize`).
 */
const FUSED_MAX_SIZE = 16_384;

/** The optimizer's full state: enough to continue bit-identically after a restart. */
export interface OptimizerState {
  /** Steps taken so far (PyTorch's `state['step']`). */
  step: number;
  /** Slot tensors named `<variable index>/<slot>`. */
  slots: tf.NamedTensorMap;
}

export class Optimizer {
  private step = 0;
  private readonly slots: Slots[];

  constructor(
    private readonly config: OptimizerConfig,
    private readonly variables: readonly tf.Variable[],
  ) {
    const initial = config.kind === 'adagrad' ? config.initialAccumulatorValue : 0;
    this.slots = variables.map((variable) => {
      const slots: Slots = {};
      for (const name of slotNames(config)) {
        slots[name] = tf.keep(tf.fill(variable.shape, name === 'sum' ? initial : 0));
      }
      return slots;
    });
  }

  get steps(): number {
    return this.step;
  }

  /**
   * Applies one step with learning rate `lr` and returns, per variable, the squared L2 norms
   * [Σg², Σ(Δp)², Σp′²] of the gradient it was given, the change it made and the new weights (a
   * kept float32 tensor of 3 the caller disposes), from which the layer monitor's figures follow.
   * Where the backend has the fused optimizer-step kernel (wasm), each variable up to
   * FUSED_MAX_SIZE elements (every variable, for Adam and AdamW) is one kernel call; larger ones,
   * and every variable elsewhere, run the same rule op by op.
   */
  apply(gradients: readonly tf.Tensor[], lr: number): tf.Tensor1D[] {
    if (gradients.length !== this.variables.length) {
      throw new Error(
        `optimizer: expected ${this.variables.length} gradients, received ${gradients.length}`,
      );
    }
    this.step += 1;
    const fusedKernel = tf.getKernel(OPTIMIZER_STEP, tf.getBackend()) !== undefined;
    const everySize = fusedKernel && fusesEverySize(this.config);
    return this.variables.map((variable, index) =>
      tf.tidy(() => {
        const slots = this.slots[index] as Slots;
        const grad = gradients[index] as tf.Tensor;
        const next =
          fusedKernel && (everySize || variable.size <= FUSED_MAX_SIZE)
            ? this.fusedRule(variable, grad, slots, lr)
            : opByOpRule(this.config, variable, grad, slots, lr, this.step);
        variable.assign(next.param);
        for (const [name, value] of Object.entries(next.slots) as [SlotName, tf.Tensor][]) {
          slot(slots, name).dispose();
          slots[name] = tf.keep(value);
        }
        return next.squares;
      }),
    );
  }

  private fusedRule(variable: tf.Variable, grad: tf.Tensor, slots: Slots, lr: number): RuleResult {
    const names = slotNames(this.config);
    const inputs: tf.NamedTensorMap = { param: variable, grad };
    for (const name of names) inputs[name] = slot(slots, name);
    const attrs = { config: this.config, lr, step: this.step };
    const outputs = tf
      .engine()
      .runKernel(OPTIMIZER_STEP, inputs, attrs as unknown as tf.NamedAttrMap) as tf.Tensor[];
    const nextSlots: Slots = {};
    names.forEach((name, i) => (nextSlots[name] = outputs[1 + i]));
    return {
      param: outputs[0] as tf.Tensor,
      slots: nextSlots,
      squares: outputs[1 + names.length] as tf.Tensor1D,
    };
  }

  exportState(): OptimizerState {
    const slots: tf.NamedTensorMap = {};
    this.slots.forEach((perVariable, index) => {
      for (const [name, value] of Object.entries(perVariable)) slots[`${index}/${name}`] = value;
    });
    return { step: this.step, slots };
  }

  /** Replaces the state with a saved one (slots may come flat); the caller keeps ownership of its tensors. */
  importState(state: OptimizerState): void {
    this.slots.forEach((perVariable, index) => {
      for (const name of Object.keys(perVariable) as SlotName[]) {
        const saved = state.slots[`${index}/${name}`];
        const current = slot(perVariable, name);
        if (saved === undefined || saved.size !== current.size) {
          throw new Error(`optimizer state: slot ${index}/${name} is missing or has another size`);
        }
        current.dispose();
        perVariable[name] = tf.keep(tf.reshape(saved, current.shape));
      }
    });
    this.step = state.step;
  }

  dispose(): void {
    for (const perVariable of this.slots)
      for (const value of Object.values(perVariable)) value.dispose();
  }
}
