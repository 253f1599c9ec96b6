import { splitRows } from '@shared/data/prepare/split-rows';
import type { DataConfig } from '@shared/experiment/data';
import { builtinDatasets } from '@shared/experiment/datasets';
import { foldCount, type SplitConfig } from '@shared/experiment/split';
import { summarizeSplit, type SplitSummary } from '@shared/splits';

/** What is known about the rows before the data is read. */
export interface KnownRows {
  /** Rows the split divides. */
  rows: number;
  /** Rows of each class in class-index order, when the catalog records them. */
  rowsPerClass: number[] | null;
  /** Rows of a test set that comes in its own file; null when the split carves it. */
  fixedTestRows: number | null;
}

/** Built-in datasets are known in advance; files are known only once a run reads them. */
export function knownRows(data: DataConfig): KnownRows | null {
  if (data.source.kind !== 'builtin') return null;
  const { recorded } = builtinDatasets[data.source.dataset];
  if (recorded !== null) return { ...recorded };
  const samples = data.source.generator?.samples;
  return samples === undefined ? null : { rows: samples, rowsPerClass: null, fixedTestRows: null };
}

export type SplitPreview =
  | {
      ok: true;
      summary: SplitSummary;
      /** Training rows of one run (of the first fold for k-fold splits), for batches per epoch. */
      trainRows: number;
      /** Class balance is shown only where it is exact: stratified splits of counted classes. */
      balanced: boolean;
    }
  | { ok: false; reason: string };

function stratifies(split: SplitConfig): boolean {
  return (split.kind === 'holdout' && split.stratify) || split.kind === 'stratifiedKfold';
}

/**
 * Sizes of each part as the lab core will cut them (the shared `splitRows`), with the class
 * balance of each part where the split stratifies: a stratified split's counts per class depend
 * only on how many rows each class has, so counted classes give exact balances.
 */
export function previewSplit(split: SplitConfig, known: KnownRows): SplitPreview {
  const balanced = known.rowsPerClass !== null && stratifies(split);
  const classes = balanced
    ? (known.rowsPerClass ?? []).flatMap((count, label) => Array<number>(count).fill(label))
    : null;
  const testIsFixed = known.fixedTestRows !== null;
  const options = { count: known.rows, classes, orderBy: null, testIsFixed };
  try {
    const first = splitRows(split, { ...options, fold: 0 });
    const parts: Record<string, ArrayLike<number>> = {};
    if (foldCount(split) === 1) {
      parts.train = first.train;
      parts.validation = first.validation;
    } else {
      for (let fold = 0; fold < foldCount(split); fold += 1) {
        parts[`fold ${fold + 1}`] = splitRows(split, { ...options, fold }).validation;
      }
    }
    parts.test = testIsFixed ? [] : first.test;
    const summary = summarizeSplit(parts, classes ?? undefined);
    return {
      ok: true,
      summary: testIsFixed ? withFixedTest(summary, known.fixedTestRows ?? 0) : summary,
      trainRows: first.train.length,
      balanced,
    };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

/** The test set of its own file joins the summary by size; its classes are not counted ahead. */
function withFixedTest(summary: SplitSummary, testRows: number): SplitSummary {
  const total = summary.total + testRows;
  return {
    ...summary,
    total,
    parts: summary.parts.map((part) => {
      const size = part.name === 'test' ? testRows : part.size;
      return part.name === 'test'
        ? { ...part, size, share: size / total, classCounts: null, classShares: null }
        : { ...part, share: size / total };
    }),
  };
}
