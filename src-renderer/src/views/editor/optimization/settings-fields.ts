/**
 * The settings each optimizer and schedule kind shows, in the order a person reads them. Defaults
 * are not repeated here: the fields show the ones the shared schemas fill in.
 */

export type SettingField =
  | { field: string; label: string; input: 'number'; hint?: string; placeholder?: string }
  | { field: string; label: string; input: 'check' }
  | { field: string; label: string; input: 'choice'; choices: readonly string[] }
  | { field: string; label: string; input: 'text' };

const number = (
  field: string,
  label: string,
  hint?: string,
  placeholder?: string,
): SettingField => ({
  field,
  label,
  input: 'number',
  ...(hint === undefined ? {} : { hint }),
  ...(placeholder === undefined ? {} : { placeholder }),
});

const epsilon = number('epsilon', 'Epsilon');

export const optimizerFields: Record<string, readonly SettingField[]> = {
  sgd: [],
  momentum: [
    number('momentum', 'Momentum'),
    { field: 'nesterov', label: 'Nesterov', input: 'check' },
  ],
  adagrad: [number('initialAccumulatorValue', 'Initial accumulator'), epsilon],
  rmsprop: [
    number('rho', 'Rho (decay)'),
    number('momentum', 'Momentum'),
    epsilon,
    { field: 'centered', label: 'Centered', input: 'check' },
  ],
  adam: [number('beta1', 'Beta 1'), number('beta2', 'Beta 2'), epsilon],
  adamw: [
    number('beta1', 'Beta 1'),
    number('beta2', 'Beta 2'),
    epsilon,
    number('weightDecay', 'Weight decay'),
    { field: 'decoupled', label: 'Decoupled weight decay', input: 'check' },
  ],
  lbfgs: [
    number(
      'maxIterations',
      'Iterations per epoch',
      'Fits small data and a smooth, deterministic loss (no dropout or batch norm); needs batch size "full".',
    ),
    number('historySize', 'History size', 'Curvature pairs kept.'),
    number('tolerance', 'Gradient tolerance'),
    number('toleranceChange', 'Change tolerance'),
    {
      field: 'lineSearch',
      label: 'Line search',
      input: 'choice',
      choices: ['strongWolfe', 'none'],
    },
  ],
};

export const optimizerLabels: Record<string, string> = {
  sgd: 'SGD',
  momentum: 'SGD with momentum',
  adagrad: 'Adagrad',
  rmsprop: 'RMSprop',
  adam: 'Adam',
  adamw: 'AdamW',
  lbfgs: 'L-BFGS (full batch)',
};

const inSteps = 'In schedule steps (epochs or batches).';

export const scheduleFields: Record<string, readonly SettingField[]> = {
  constant: [],
  step: [number('stepSize', 'Step size', inSteps), number('gamma', 'Gamma (factor)')],
  exponential: [number('gamma', 'Gamma (factor per step)')],
  inverseTime: [number('decayRate', 'Decay rate')],
  linear: [
    number('tau', 'Length', 'Steps to reach the final rate; empty for the whole run.', 'whole run'),
    number('finalLr', 'Final learning rate'),
  ],
  cosine: [
    number('tMax', 'Half period (tMax)', 'Empty for the whole run.', 'whole run'),
    number('etaMin', 'Minimum rate'),
  ],
  cyclic: [
    {
      field: 'mode',
      label: 'Mode',
      input: 'choice',
      choices: ['triangular', 'triangular2', 'exp_range'],
    },
    number('maxLr', 'Maximum rate', 'Above the optimizer learning rate.'),
    number('stepSizeUp', 'Steps up', inSteps),
    number('stepSizeDown', 'Steps down', undefined, 'same as up'),
    number('gamma', 'Gamma (exp_range)'),
  ],
  cosineWarmRestarts: [
    number('t0', 'First cycle (t0)', inSteps),
    number('tMult', 'Cycle growth (tMult)'),
    number('etaMin', 'Minimum rate'),
  ],
  reduceOnPlateau: [
    { field: 'monitor', label: 'Monitored metric', input: 'text' },
    { field: 'mode', label: 'Mode', input: 'choice', choices: ['min', 'max'] },
    number('factor', 'Factor'),
    number('patience', 'Patience (epochs)'),
    number('threshold', 'Threshold'),
    { field: 'thresholdMode', label: 'Threshold mode', input: 'choice', choices: ['rel', 'abs'] },
    number('cooldown', 'Cooldown (epochs)'),
    number('minLr', 'Minimum rate'),
  ],
};

export const scheduleLabels: Record<string, string> = {
  constant: 'Constant',
  step: 'Step decay',
  exponential: 'Exponential decay',
  inverseTime: 'Inverse time (1/t)',
  linear: 'Linear',
  cosine: 'Cosine annealing',
  cyclic: 'Cyclic (CLR)',
  cosineWarmRestarts: 'Cosine with warm restarts',
  reduceOnPlateau: 'Reduce on plateau',
};
