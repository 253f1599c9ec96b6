/** The ExperimentSpec: schema, defaults, validation, shapes, run expansion and diff. */
export * from './spec';
export { resolve, canonicalJson } from './resolve';
export { validateSpec } from './validate';
export type { SpecValidation } from './validate';
export { SpecError, specProblem } from './problems';
export type { Severity, SpecProblem } from './problems';
export { knownFacts } from './facts';
export type { KnownFacts } from './facts';
export {
  builtinDatasets,
  builtinDatasetIds,
  generatedDatasetIds,
  taskKinds,
  generatorOptionsSchema,
} from './datasets';
export type { BuiltinDataset } from './datasets';
export {
  dataSchema,
  dataSourceSchema,
  builtinSourceSchema,
  csvSourceSchema,
  idxSourceSchema,
  idxPairSchema,
  preprocessingSchema,
  columnTypeSchema,
  missingValuePolicySchema,
} from './data';
export { splitSchema, foldCount } from './split';
export {
  activationSchema,
  activationKinds,
  initializerSchema,
  initializerKinds,
} from './activation';
export { modelSchema, layerSchema, layerTypes, warmStartSchema } from './model';
export {
  optimizationSchema,
  optimizerSchema,
  lossSchema,
  lossKinds,
  defaultLossFor,
} from './optimization';
export {
  trainingSchema,
  earlyStoppingSchema,
  gradientClippingSchema,
  gradientNoiseSchema,
  seedSchema,
  backendPreferences,
} from './training';
export {
  strategySchema,
  restartsSchema,
  snapshotSchema,
  swaSchema,
  selectionSchema,
  searchDimensionSchema,
  strategyLabel,
} from './strategy';
export {
  crossEntropyNotes,
  metricNames,
  parseMonitor,
  improvementMode,
  metricFitsTask,
} from './metric-names';
export type { MetricName, MonitorKey, MonitoredSplit } from './metric-names';
export { searchableSections } from './checks/search-checks';
export { inferModelShape, specModelShape } from './shapes';
export type { LayerShape, ModelShape, ShapeProblem } from './shapes';
export { expandRuns, restartSeed } from './runs';
export type { PlannedRun, SampledValue } from './runs';
export { diffSpecs } from './diff';
export type { SpecChange } from './diff';
export { parsePath, getAt, setAt } from './paths';
export type { PathKey } from './paths';
