import * as tf from '@tensorflow/tfjs';
import type { OptimizerConfig } from '@shared/experiment/optimization';
import { assertNever } from '@shared/contract/envelope';

/**
 * The optimizers of the spec with PyTorch's update rules (torch.optim, single-tensor path), written
 * as plain TF.js ops so that the learning rate is an argument of every step, the state can be saved
 * and restored exactly, and AdamW's decoupled weight decay exists (TF.js has no AdamW).
 */

type SlotName = 'momentum' | 'sum' | 'squareAvg' | 'gradAvg' | 'expAvg' | 'expAvgSq';

function slotNames(config: OptimizerConfig): SlotName[] {
  switch (config.kind) {
    case 'sgd':
      return [];
    case 'momentum':
      return ['momentum'];
    case 'adagrad':
      return ['sum'];
    case 'rmsprop':
      return [
        'squareAvg',
        ...(config.centered ? (['gradAvg'] as const) : []),
        ...(config.momentum > 0 ? (['momentum'] as const) : []),
      ];
    case 'adam':
    case 'adamw':
      return ['expAvg', 'expAvgSq'];
    case 'lbfgs':
      return [];
    default:
      return assertNever(config, 'optimizer kind');
  }
}

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
   * Applies one step with learning rate `lr` and returns, per variable, the squared L2 norm of the
   * change it made (a kept scalar the caller disposes), from which update/weight ratios follow.
   */
  apply(gradients: readonly tf.Tensor[], lr: number): tf.Scalar[] {
    if (gradients.length !== this.variables.length) {
      throw new Error(
        `optimizer: expected ${this.variables.length} gradients, received ${gradients.length}`,
      );
    }
    this.step += 1;
    return this.variables.map((variable, index) =>
      tf.tidy(() => {
        const slots = this.slots[index] as Slots;
        const next = updateRule(
          this.config,
          variable,
          gradients[index] as tf.Tensor,
          slots,
          lr,
          this.step,
        );
        const changeSquared = tf.sum(tf.square(tf.sub(next.param, variable)));
        variable.assign(next.param);
        for (const [name, value] of Object.entries(next.slots) as [SlotName, tf.Tensor][]) {
          slot(slots, name).dispose();
          slots[name] = tf.keep(value);
        }
        return changeSquared as tf.Scalar;
      }),
    );
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
