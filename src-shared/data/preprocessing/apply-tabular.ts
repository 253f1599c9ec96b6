import { isMissingCell, parseNumberCell } from '../table/cells';
import { describeRow } from '../table/table';
import type { Table } from '../table/table';
import type { FeatureStats, TabularPreprocessing } from './stats';

/** A raw value as it arrives: a table cell, or a field of a record to predict on. */
type RawValue = number | string | null | undefined;

/** Preprocessed features of the given table rows, row-major [rows.length, featureNames.length]. */
export function applyTabular(
  stats: TabularPreprocessing,
  table: Table,
  rows: readonly number[],
): Float32Array {
  const columns = stats.features.map((f) => {
    const column = table.columns.find((c) => c.name === f.column);
    if (column === undefined)
      throw new Error(
        `${table.name}: no column "${f.column}", which the preprocessing was fitted on`,
      );
    return column;
  });
  const out = new Float32Array(rows.length * stats.featureNames.length);
  rows.forEach((row, i) => {
    writeRow(
      stats,
      out,
      i,
      (f) => columns[f]?.values[row],
      () => describeRow(table, row),
    );
  });
  return out;
}

/**
 * Preprocessed features of raw records keyed by column name, as a person or a CSV file gives them:
 * numbers may arrive as text, and "", "NA", "?"… count as missing.
 */
export function applyTabularToRecords(
  stats: TabularPreprocessing,
  records: readonly Readonly<Record<string, RawValue>>[],
): Float32Array {
  const out = new Float32Array(records.length * stats.featureNames.length);
  records.forEach((record, i) => {
    writeRow(
      stats,
      out,
      i,
      (f) => record[stats.features[f]?.column ?? ''],
      () => `record ${i + 1}`,
    );
  });
  return out;
}

function writeRow(
  stats: TabularPreprocessing,
  out: Float32Array,
  rowIndex: number,
  valueOf: (feature: number) => RawValue,
  where: () => string,
): void {
  let offset = rowIndex * stats.featureNames.length;
  stats.features.forEach((feature, f) => {
    offset += writeFeature(feature, valueOf(f), out, offset, where);
  });
}

/** Writes one feature's slots and returns how many it took. */
function writeFeature(
  feature: FeatureStats,
  raw: RawValue,
  out: Float32Array,
  offset: number,
  where: () => string,
): number {
  if (feature.kind === 'numeric') {
    const value = asNumber(raw, feature.column, where) ?? feature.fill;
    if (value === null) throw missing(feature.column, where);
    out[offset] = (value - feature.center) / feature.scale;
    return 1;
  }
  const category = asCategory(raw) ?? feature.fill;
  if (category === null) throw missing(feature.column, where);
  const slot = feature.categories.indexOf(category);
  if (feature.encoding === 'ordinal') {
    out[offset] = slot;
    return 1;
  }
  if (slot >= 0) out[offset + slot] = 1;
  return feature.categories.length;
}

function asNumber(raw: RawValue, column: string, where: () => string): number | null {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'number') return Number.isNaN(raw) ? null : raw;
  if (isMissingCell(raw)) return null;
  const value = parseNumberCell(raw);
  if (value === null)
    throw new Error(
      `${where()}, column "${column}": expected a number, found ${JSON.stringify(raw)}`,
    );
  return value;
}

function asCategory(raw: RawValue): string | null {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'number') return Number.isNaN(raw) ? null : String(raw);
  return isMissingCell(raw) ? null : raw;
}

function missing(column: string, where: () => string): Error {
  return new Error(
    `${where()}, column "${column}": the value is missing and the model was trained without imputation`,
  );
}
