import { z } from 'zod';
import { dataSchema } from './data';
import { nonEmptyText } from './fields';
import { modelSchema } from './model';
import { optimizationSchema } from './optimization';
import { splitSchema } from './split';
import { strategySchema } from './strategy';
import { trainingSchema } from './training';

export const SPEC_SCHEMA_VERSION = 1;
/** Names show in tables and titles; a longer one is a mistake, not a name. */
export const MAX_NAME_LENGTH = 200;
export const MAX_DESCRIPTION_LENGTH = 10_000;

/**
 * The ExperimentSpec: everything needed to run an experiment, as plain JSON. Sections are parsed
 * on their own (see `sectionSchemas`) so that validation can report problems from all of them at
 * once and still run the cross-section checks on the sections that are sound.
 */
export const sectionSchemas = {
  data: dataSchema,
  split: splitSchema.prefault({ kind: 'holdout' }),
  model: modelSchema,
  optimization: optimizationSchema.prefault({}),
  training: trainingSchema.prefault({}),
  strategy: strategySchema.prefault({}),
} as const;
export type SectionName = keyof typeof sectionSchemas;
export const sectionNames = Object.keys(sectionSchemas) as SectionName[];

export const experimentSpecSchema = z.strictObject({
  schemaVersion: z.literal(SPEC_SCHEMA_VERSION, {
    error: `must be ${SPEC_SCHEMA_VERSION} (the spec format this version of Basin reads)`,
  }),
  name: nonEmptyText('text').max(MAX_NAME_LENGTH, {
    error: `must be at most ${MAX_NAME_LENGTH} characters`,
  }),
  description: z
    .string({ error: 'must be text' })
    .max(MAX_DESCRIPTION_LENGTH, {
      error: `must be at most ${MAX_DESCRIPTION_LENGTH.toLocaleString('en')} characters`,
    })
    .default(''),
  tags: z.array(nonEmptyText('text'), { error: 'must be a list of text tags' }).default([]),
  ...sectionSchemas,
});

/** A spec as a person writes it: most fields may be left out. */
export type ExperimentSpecInput = z.input<typeof experimentSpecSchema>;
/**
 * The fully defaulted spec stored with every run. `data.task` and `optimization.loss` stay
 * `"auto"` only while the data has not been read (see `resolve`).
 */
export type ResolvedSpec = z.output<typeof experimentSpecSchema>;

export type { DataConfig, DataSource, Preprocessing, ColumnType, MissingValuePolicy } from './data';
export type {
  ModelConfig,
  Layer,
  LayerInput,
  LayerType,
  DenseLayer,
  Conv2dLayer,
  MaxPool2dLayer,
} from './model';
export type { Activation, ActivationKind, Initializer, InitializerKind } from './activation';
export type {
  OptimizationConfig,
  OptimizerConfig,
  OptimizerKind,
  Loss,
  LossKind,
  LossSetting,
} from './optimization';
export type { SplitConfig } from './split';
export type {
  TrainingConfig,
  GradientClipping,
  GradientNoise,
  EarlyStopping,
  BackendPreference,
} from './training';
export type {
  StrategyConfig,
  RestartsConfig,
  SearchDimension,
  SnapshotConfig,
  SwaConfig,
  SelectionConfig,
} from './strategy';
export type { Task, BuiltinDatasetId, DataFacts, GeneratorOptions } from './datasets';
export type { ScheduleConfig } from '../schedules/config';
