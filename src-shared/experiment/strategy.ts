import { z } from 'zod';
import { stepUnitSchema } from '../schedules/config';
import { flag, nonEmptyText, oneOf, positiveNumber, wholeNumberAtLeast } from './fields';
import { monitorModeSchema, monitorSchema, parseMonitor } from './metric-names';
import { seedSchema } from './training';

/**
 * One hyperparameter of a random search, addressed by its path in the resolved spec (e.g.
 * `optimizer.learningRate` under `optimization`, written `optimization.optimizer.learningRate`).
 * Either a list of values to pick from, or a range sampled uniformly (log-uniformly with `log`),
 * rounded with `integer`. Written without `kind`; it is added from the fields present.
 */
const choiceDimensionSchema = z.strictObject({
  kind: z.literal('choice'),
  path: nonEmptyText('path'),
  values: z
    .array(z.json(), { error: 'must be a list of values' })
    .min(1, { error: 'must list at least one value' }),
});

const rangeDimensionSchema = z
  .strictObject({
    kind: z.literal('range'),
    path: nonEmptyText('path'),
    min: z
      .number({ error: 'must be a finite number' })
      .finite({ error: 'must be a finite number' }),
    max: z
      .number({ error: 'must be a finite number' })
      .finite({ error: 'must be a finite number' }),
    log: flag().default(false),
    integer: flag().default(false),
  })
  .superRefine((range, context) => {
    if (range.max <= range.min) {
      context.addIssue({
        code: 'custom',
        input: range.max,
        path: ['max'],
        message: `must be greater than min (${range.min})`,
      });
    }
    if (range.log && range.min <= 0) {
      context.addIssue({
        code: 'custom',
        input: range.min,
        path: ['min'],
        message: 'must be > 0 for a log-uniform range',
      });
    }
  });

export const searchDimensionSchema = z.preprocess(
  (value) =>
    value !== null && typeof value === 'object' && !Array.isArray(value) && !('kind' in value)
      ? { kind: 'values' in value ? 'choice' : 'range', ...value }
      : value,
  z.discriminatedUnion('kind', [choiceDimensionSchema, rangeDimensionSchema], {
    error: 'must be { "path", "values": [...] } or { "path", "min", "max", "log"?, "integer"? }',
  }),
);
export type SearchDimension = z.infer<typeof searchDimensionSchema>;

/**
 * `count` independent runs of the same configuration, each with its own seed: the listed `seeds`
 * (exactly `count` of them) or, when null, seeds derived from `training.seed`. With `randomSearch`
 * every restart also draws its own hyperparameters from its seed.
 */
export const restartsSchema = z.strictObject({
  count: wholeNumberAtLeast(1).default(1),
  seeds: z.array(seedSchema, { error: 'must be a list of seeds' }).nullable().default(null),
  randomSearch: z.array(searchDimensionSchema, { error: 'must be a list' }).default([]),
});
export type RestartsConfig = z.infer<typeof restartsSchema>;

/**
 * Snapshot ensemble (Huang et al. 2017): the learning rate follows M cosine cycles, each restarting
 * at `initialLr` and annealing to 0, and a snapshot is saved at the end of every cycle; the last
 * `membersUsed` snapshots (all by default) form the ensemble. The cycles span the epochs before SWA
 * starts, or all epochs without SWA, and replace `optimization.schedule` there.
 */
export const snapshotSchema = z
  .strictObject({
    cycles: wholeNumberAtLeast(2),
    initialLr: positiveNumber(),
    membersUsed: wholeNumberAtLeast(1).optional(),
    /**
     * How often the cosine moves: per batch by default, as Huang et al. anneal per iteration to ~0
     * (per epoch, each snapshot would be taken after an epoch at 0.146·α₀ with 5 epochs a cycle).
     */
    stepUnit: stepUnitSchema.default('batch'),
  })
  .transform(({ cycles, initialLr, membersUsed, stepUnit }) => ({
    cycles,
    initialLr,
    membersUsed: membersUsed ?? cycles,
    stepUnit,
  }));
export type SnapshotConfig = z.infer<typeof snapshotSchema>;

/**
 * Stochastic weight averaging (Izmailov et al. 2018) with PyTorch `SWALR` semantics: from
 * `startEpoch` the learning rate anneals to `swaLr` over `annealEpochs` (cosine or linear) and the
 * weights are averaged at the end of every epoch; batch-norm statistics are recomputed for the
 * averaged weights with one pass over the training data unless turned off.
 */
export const swaSchema = z.strictObject({
  startEpoch: wholeNumberAtLeast(0),
  swaLr: positiveNumber(),
  annealEpochs: wholeNumberAtLeast(0).default(5),
  annealStrategy: oneOf(['cos', 'linear']).default('cos'),
  recomputeBatchNorm: flag().default(true),
});
export type SwaConfig = z.infer<typeof swaSchema>;

const validationMonitorSchema = monitorSchema.superRefine((key, context) => {
  if (parseMonitor(key)?.split === 'train') {
    context.addIssue({
      code: 'custom',
      input: key,
      message: 'must be a validation metric ("val.<metric>"): models are chosen on held-out data',
    });
  }
});

/**
 * How the model a restart hands back is chosen: among the candidates the strategy produces (the
 * best epoch always; the SWA average; the snapshot ensemble), the one with the best value of
 * `monitor`; the experiment's overall pick is the best of the restarts' picks on the same metric.
 */
export const selectionSchema = z.strictObject({
  monitor: validationMonitorSchema.default('val.loss'),
  mode: monitorModeSchema.default('auto'),
});
export type SelectionConfig = z.infer<typeof selectionSchema>;

/**
 * One shape for every strategy instead of a `kind` switch, because the strategies compose:
 *   single run         = restarts.count 1, no snapshot, no swa
 *   random restarts    = restarts.count N (optionally with seeds and randomSearch)
 *   snapshot ensemble  = snapshot set
 *   SWA                = swa set
 *   combined           = restarts.count N with snapshot and swa: N × (cyclic phase with snapshots,
 *                        then SWA), choosing per restart and overall by `selection`.
 */
export const strategySchema = z.strictObject({
  restarts: restartsSchema.prefault({}),
  snapshot: snapshotSchema.nullable().default(null),
  swa: swaSchema.nullable().default(null),
  selection: selectionSchema.prefault({}),
});
export type StrategyConfig = z.infer<typeof strategySchema>;

/** The strategy's name for lists and badges. */
export function strategyLabel(strategy: StrategyConfig): string {
  const parts: string[] = [];
  if (strategy.restarts.count > 1) parts.push(`${strategy.restarts.count} restarts`);
  if (strategy.restarts.randomSearch.length > 0) parts.push('random search');
  if (strategy.snapshot !== null)
    parts.push(`snapshot ensemble (${strategy.snapshot.cycles} cycles)`);
  if (strategy.swa !== null) parts.push('SWA');
  return parts.length === 0 ? 'single run' : parts.join(' + ');
}
