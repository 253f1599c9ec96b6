export { holdoutSplit, type HoldoutOptions } from './holdout';
export { kFoldSplit, type KFoldOptions } from './k-fold';
export { timeSplit, type TimeSplitOptions } from './time-split';
export { summarizeSplit, type PartSummary, type SplitSummary } from './summary';
export {
  DEFAULT_FRACTIONS,
  type Fold,
  type KFoldSplit,
  type SplitFractions,
  type SplitIndices,
} from './types';
