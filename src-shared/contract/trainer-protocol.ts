import { z } from 'zod';
import { testDiagnosticsSchema } from './diagnostics';
import { checkpointKindSchema } from './runs';
import { backendNameSchema, webgpuAdapterSchema } from './system';

/**
 * Messages between the lab core and a trainer child process (one process trains one run). Bump the
 * version whenever a message changes shape; each side refuses a peer that speaks another version.
 *
 * Order on the wire: parent `start` → trainer `ready`, then per epoch one `epoch` followed by the
 * `checkpoint`s written at its end; at the end `ensemble` (snapshot strategies), the final
 * `checkpoint`s, then exactly one of `done`, `cancelled` or `failed`, after which the process exits.
 * `log` may come at any time. Epochs are counted 1-based: "epoch 3" is the state after three epochs.
 */
export const TRAINER_PROTOCOL_VERSION = 2;

/** Metric keys are `<split>.<metric>` (`train.loss`, `val.accuracy`, `test.auc`). Only finite numbers. */
const metricValuesSchema = z.record(z.string(), z.number());
/** Metrics that do not exist on this data, with the reason (e.g. an AUC on a single-class split). */
const undefinedMetricsSchema = z.record(z.string(), z.string());
const epochNumber = z.number().int().nonnegative();

export type CheckpointKind = z.infer<typeof checkpointKindSchema>;

// ---- parent → trainer -------------------------------------------------------------------------

/**
 * Where the built-in datasets live (`resourcesDir` holds `datasets/`; Fashion-MNIST is looked for in
 * `fashionMnistDir`, Debian's folder when null). CSV and IDX paths in the spec are read as given,
 * so the lab core makes them absolute before it starts a trainer.
 */
export const dataReferenceSchema = z.strictObject({
  resourcesDir: z.string().min(1),
  fashionMnistDir: z.string().min(1).nullable(),
});
export type DataReference = z.infer<typeof dataReferenceSchema>;

export const startMessageSchema = z.strictObject({
  type: z.literal('start'),
  version: z.number().int(),
  runId: z.string().min(1),
  /** The run's resolved spec (`PlannedRun.config`); the trainer validates it again against its data. */
  spec: z.unknown(),
  /** The validation fold of a k-fold split; null otherwise. */
  fold: z.number().int().nonnegative().nullable(),
  data: dataReferenceSchema,
  /** The run's own folder: every checkpoint is written below it. */
  checkpointDir: z.string().min(1),
  /** A `resume` checkpoint folder to continue from, or null to start fresh. */
  resumeFrom: z.string().min(1).nullable(),
});
export type StartMessage = z.infer<typeof startMessageSchema>;

/** Stop at the next batch boundary, write a resume checkpoint, answer `cancelled`. */
export const cancelMessageSchema = z.strictObject({ type: z.literal('cancel') });

export const parentToTrainerSchema = z.discriminatedUnion('type', [
  startMessageSchema,
  cancelMessageSchema,
]);
export type ParentToTrainer = z.infer<typeof parentToTrainerSchema>;

// ---- trainer → parent -------------------------------------------------------------------------

export const readyMessageSchema = z.strictObject({
  type: z.literal('ready'),
  version: z.number().int(),
  runId: z.string(),
  backend: backendNameSchema,
  device: z.string(),
  /** The WebGPU adapter the run trains on; null on every other backend. */
  adapter: webgpuAdapterSchema.nullable(),
  tfjsVersion: z.string(),
  /** Better backends passed over, and why (not installed, no GPU assigned, forced by the spec). */
  skipped: z.array(z.strictObject({ backend: backendNameSchema, reason: z.string() })),
  /**
   * Kernels the trainer changed on the chosen backend: one TF.js lacks for this model, supplied as
   * a JS kernel (`registered-js-kernel`) or by moving the run to another backend (`moved-backend`,
   * then `backend` is that one); or one TF.js has but runs far below speed, replaced by a faster
   * wrapper (`replaced-kernel`).
   */
  kernels: z.array(
    z.strictObject({
      kernel: z.string(),
      resolution: z.enum(['registered-js-kernel', 'moved-backend', 'replaced-kernel']),
      detail: z.string(),
    }),
  ),
  /** The epoch a resumed run continues after; null for a fresh start. */
  resumedAfterEpoch: epochNumber.nullable(),
  /** Trainable / total parameter counts of the built model. */
  parameters: z.strictObject({ trainable: z.number().int(), total: z.number().int() }),
  /**
   * Rows in the training split: the training ranking metrics score a sample of at most
   * TRAIN_RANKING_SAMPLE_ROWS of them, and the lab records on what (`trainRankingBasis`).
   */
  trainRows: z.number().int().nonnegative(),
});

export const layerStatsSchema = z.strictObject({
  /** Spec layer name, `l<index>_<type>`, e.g. `l02_dense`. */
  layer: z.string(),
  /** Mean over the epoch's batches of the L2 norm of the layer's raw gradient (before clipping). */
  gradientNorm: z.number(),
  /** Mean over the epoch's batches of ‖Δw‖ / ‖w‖ for the layer's weights. */
  updateRatio: z.number(),
  /** Share of the layer's ReLU units that output 0 for every validation example; null without ReLU. */
  deadReluFraction: z.number().nullable(),
});
export type LayerStats = z.infer<typeof layerStatsSchema>;

export const epochMessageSchema = z.strictObject({
  type: z.literal('epoch'),
  epoch: epochNumber,
  /** Batches trained so far in the run. */
  step: z.number().int().nonnegative(),
  /** `train.*` are over the epoch's batches in training mode (Keras-style); `val.*` at epoch end. */
  metrics: metricValuesSchema,
  undefinedMetrics: undefinedMetricsSchema,
  /** The rate of the epoch's last batch. */
  learningRate: z.number(),
  /** Whether the epoch ran under SWA (SWALR rate, weights averaged at its end). */
  swa: z.boolean(),
  layers: z.array(layerStatsSchema),
  wallTimeMs: z.number().nonnegative(),
  samplesPerSecond: z.number().nonnegative(),
});
export type EpochMessage = z.infer<typeof epochMessageSchema>;

export const checkpointMessageSchema = z.strictObject({
  type: z.literal('checkpoint'),
  kind: checkpointKindSchema,
  epoch: epochNumber,
  /** Absolute folder holding model.json, weights.bin and checkpoint.json. */
  path: z.string(),
  /** Validation metrics of the weights saved (empty for a mid-epoch resume checkpoint). */
  metrics: metricValuesSchema,
});
export type CheckpointMessage = z.infer<typeof checkpointMessageSchema>;

export const ensembleMessageSchema = z.strictObject({
  type: z.literal('ensemble'),
  /** Folder holding member-<n>/ layers models and ensemble.json. */
  path: z.string(),
  members: z.array(z.strictObject({ epoch: epochNumber, path: z.string() })),
  /** How members combine: mean of class probabilities, or mean prediction for regression. */
  rule: z.enum(['mean-probability', 'mean-prediction']),
  metrics: metricValuesSchema,
  /** Validation metrics of the ensemble of the last m snapshots, for m = 1 … members. */
  byMemberCount: z.array(
    z.strictObject({ members: z.number().int().positive(), metrics: metricValuesSchema }),
  ),
});
export type EnsembleMessage = z.infer<typeof ensembleMessageSchema>;

export const logMessageSchema = z.strictObject({
  type: z.literal('log'),
  level: z.enum(['info', 'warn', 'error']),
  message: z.string(),
});

export const candidateKindSchema = z.enum(['best-epoch', 'swa', 'snapshot-ensemble']);
export type CandidateKind = z.infer<typeof candidateKindSchema>;

export const candidateSchema = z.strictObject({
  kind: candidateKindSchema,
  /** The epoch of a best-epoch candidate; null for SWA and ensembles. */
  epoch: epochNumber.nullable(),
  path: z.string(),
  /** Validation metrics; the selection monitor chooses among candidates on these. */
  metrics: metricValuesSchema,
});
export type Candidate = z.infer<typeof candidateSchema>;

export const doneMessageSchema = z.strictObject({
  type: z.literal('done'),
  epochsCompleted: epochNumber,
  /** Early stopping ended training before `training.epochs`. */
  stoppedEarly: z.boolean(),
  selected: candidateSchema,
  candidates: z.array(candidateSchema),
  /** The selected model scored once on the test split (`test.*` keys). */
  testMetrics: metricValuesSchema,
  testUndefinedMetrics: undefinedMetricsSchema,
  /** The selected model's confusion matrix and curves, or residuals, on the test split. */
  testDiagnostics: testDiagnosticsSchema.optional(),
  wallTimeMs: z.number().nonnegative(),
});
export type DoneMessage = z.infer<typeof doneMessageSchema>;

export const cancelledMessageSchema = z.strictObject({
  type: z.literal('cancelled'),
  epochsCompleted: epochNumber,
  /** The resume checkpoint written at the batch where training stopped. */
  resumePath: z.string(),
});

/** Where a run blew up: enough to see why without reading logs. */
export const divergenceSchema = z.strictObject({
  /** The epoch (1-based) and batch (0-based within it) of the non-finite value. */
  epoch: z.number().int().positive(),
  batch: z.number().int().nonnegative(),
  learningRate: z.number(),
  cause: z.enum(['loss', 'gradient', 'validation-loss']),
  /** The layer whose gradient norm exploded, when one can be named. */
  layer: z.string().nullable(),
  /** That layer's last finite gradient norm and its mean before; null when unknown. */
  layerGradientNorm: z.number().nullable(),
  typicalGradientNorm: z.number().nullable(),
  hint: z.string(),
});
export type Divergence = z.infer<typeof divergenceSchema>;

export const failureCodeSchema = z.enum([
  /** NaN or ±Infinity in the loss or the gradients; `diagnosis` says where. */
  'diverged',
  /** The spec does not validate against the data (every problem in `message`). */
  'invalid_spec',
  /** The data could not be read: the message names the file, row and column. */
  'data_error',
  /** No backend (or not the forced one) could load. */
  'backend_unavailable',
  /** The model does not fit the GPU: the message says how much it needs and what the adapter allows. */
  'out_of_memory',
  /** The resume checkpoint is missing, damaged or belongs to another spec. */
  'resume_failed',
  /** A malformed message, or one of another protocol version. */
  'protocol',
  'internal',
]);
export type FailureCode = z.infer<typeof failureCodeSchema>;

export const failedMessageSchema = z.strictObject({
  type: z.literal('failed'),
  code: failureCodeSchema,
  message: z.string(),
  diagnosis: divergenceSchema.nullable(),
});

export const trainerToParentSchema = z.discriminatedUnion('type', [
  readyMessageSchema,
  epochMessageSchema,
  checkpointMessageSchema,
  ensembleMessageSchema,
  logMessageSchema,
  doneMessageSchema,
  cancelledMessageSchema,
  failedMessageSchema,
]);
export type TrainerToParent = z.infer<typeof trainerToParentSchema>;
export type ReadyMessage = z.infer<typeof readyMessageSchema>;
export type FailedMessage = z.infer<typeof failedMessageSchema>;
export type CancelledMessage = z.infer<typeof cancelledMessageSchema>;
