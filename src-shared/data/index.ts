export { parseCsv, CsvError, type CsvText } from './csv/parse-csv';
export {
  parseIdx,
  pairImagesWithLabels,
  IdxError,
  type IdxArray,
  type LabelledImages,
} from './idx/parse-idx';
export { isMissingCell, parseNumberCell } from './table/cells';
export { describeRow, type Table, type TableColumn } from './table/table';
export { typeColumns, type ColumnTyping } from './table/type-columns';
export { removeRowsWithMissing } from './table/missing-rows';
export { inferTask } from './target/infer-task';
export { encodeTarget, type TargetEncoding } from './target/encode-target';
export { fitTabular, type TabularOptions } from './preprocessing/fit-tabular';
export { applyTabular, applyTabularToRecords } from './preprocessing/apply-tabular';
export { fitImage, applyImage, imageSize, type ImageBatch } from './preprocessing/image';
export type {
  Affine,
  FeatureStats,
  ImagePreprocessing,
  InputPreprocessing,
  Scaling,
  TabularPreprocessing,
} from './preprocessing/stats';
export { generateSpirals } from './synthetic/spirals';
export { generateCircles } from './synthetic/circles';
export {
  generatePoissonCounts,
  poissonMeanRate,
  poissonTrueRate,
  POISSON_TRUTH,
} from './synthetic/poisson-counts';
export { samplePoisson } from './synthetic/sample-poisson';
export { splitRows, type SplitRowsOptions } from './prepare/split-rows';
export { prepareTabular, type TabularRecipe } from './prepare/prepare-tabular';
export { prepareImages, type ImageRecipe } from './prepare/prepare-images';
export type { PreparedDataset, PreprocessingStats, SplitPart } from './prepare/prepared';
