export {
  epochToRestore,
  observeEarlyStopping,
  shouldStop,
  startEarlyStopping,
} from './early-stopping';
export type { EarlyStoppingRule, EarlyStoppingState } from './early-stopping';
export { observePlateau, startPlateau } from './reduce-on-plateau';
export type { PlateauRule, PlateauState } from './reduce-on-plateau';
export { addToEmaAverage, addToSwaAverage } from './weight-averaging';
export type { WeightAverage, WeightTensor } from './weight-averaging';
export { snapshotPlan } from './snapshots';
export type { SnapshotPlan } from './snapshots';
export { gradientNoiseVariance } from './gradient-noise';
export { improves } from './monitor';
export type { Monitor, MonitorMode } from './monitor';
export { learningRatePlan } from './learning-rate-plan';
export type { LearningRatePlan, LearningRateSections } from './learning-rate-plan';
