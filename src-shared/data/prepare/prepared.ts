import type { DataFacts } from '../../experiment/datasets';
import type { InputPreprocessing } from '../preprocessing/stats';
import type { TargetEncoding } from '../target/encode-target';
import type { ColumnTyping } from '../table/type-columns';

/** One part of the split, preprocessed and ready for tensors. */
export interface SplitPart {
  count: number;
  /** Inputs, row-major [count, ...inputShape]. */
  x: Float32Array;
  /** Targets [count]: the class index for classification, the value for regression and counts. */
  y: Float32Array;
  /** Each example's row in the source (after rows with missing values were dropped), for tracing. */
  rows: Int32Array;
}

/**
 * Everything a checkpoint needs to predict on raw inputs: how inputs are preprocessed and what the
 * outputs mean. Plain JSON.
 */
export interface PreprocessingStats {
  input: InputPreprocessing;
  target: TargetEncoding;
}

export interface PreparedDataset {
  /** The file name or dataset id. */
  name: string;
  facts: DataFacts;
  /** Why the task is what it is: set in the spec, known for a built-in dataset, or read off the target. */
  taskReason: string;
  featureNames: string[];
  preprocessing: PreprocessingStats;
  train: SplitPart;
  validation: SplitPart;
  /** Scored once, at the end, on the selected model(s); never used for choosing. */
  test: SplitPart;
  report: {
    /** Rows read, before any were dropped. */
    rowsRead: number;
    droppedRows: number;
    /** How each CSV column was typed; null for data that is not a CSV file. */
    columns: ColumnTyping[] | null;
  };
}
