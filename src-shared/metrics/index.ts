export { defined, undefinedBecause, type MetricResult } from './metric-result';
export { accuracy } from './accuracy';
export { confusionMatrix, type ConfusionMatrix } from './confusion-matrix';
export {
  perClassPrecisionRecallF1,
  precisionRecallF1,
  type AveragedScores,
  type Average,
  type ClassScores,
  type ZeroDivision,
} from './precision-recall-f1';
export { binaryLogLoss, logLoss } from './log-loss';
export { PROBABILITY_CLIP, predictionLoss } from './prediction-loss';
export { rocAuc, rocAucOneVsRest, rocCurve, type RocCurve } from './roc';
export {
  averagePrecision,
  precisionRecallCurve,
  type PrecisionRecallCurve,
} from './precision-recall-curve';
export {
  meanAbsoluteError,
  meanPoissonDeviance,
  meanSquaredError,
  r2Score,
  rootMeanSquaredError,
} from './regression';
export {
  bootstrapConfidenceInterval,
  bootstrapPairedDifference,
  gather,
  type BootstrapOptions,
  type ConfidenceInterval,
  type ResampledStatistic,
} from './bootstrap';
export { welchTTest, type WelchTTest } from './welch';
export { logGamma, regularizedIncompleteBeta, studentTTwoSidedPValue } from './special-functions';
export { quantileOfSorted } from './quantile';
export { bcaInterval, type BcaInput, type BcaInterval } from './bca';
export { normalCdf, normalQuantile, studentTQuantile } from './distributions';
export { holmAdjust } from './holm';
export {
  BOOTSTRAP_FROM_PAIRS,
  comparePaired,
  type IntervalMethod,
  type PairedComparison,
  type PairedComparisonOptions,
} from './paired-comparison';
export { differenceLegend, formatPValue, intervalMethodNames } from './comparison-text';
