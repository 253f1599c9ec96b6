import {
  finishedStatuses,
  settingPathSchema,
  type RunStatus,
  type runsListParamsSchema,
} from '@shared/contract/runs';
import type { z } from 'zod';

/** The Runs view's filters as a person sets them (text fields as typed). */
export interface RunFilters {
  experimentId: number | null;
  /** Only these statuses; null for every status. */
  statuses: readonly RunStatus[] | null;
  tag: string;
  backend: string;
  /** The metric the table shows, sorts and bounds by, e.g. `val.loss`. */
  metric: string;
  metricAtLeast: string;
  metricAtMost: string;
  /** A setting path, e.g. `optimization.optimizer.learningRate`: shown as a column when set. */
  settingPath: string;
  /** Only runs whose setting equals this, as typed: `0.01`, `adam`, `true`. */
  settingValue: string;
}

export type SortColumn =
  'startedAt' | 'experiment' | 'status' | 'backend' | 'metric' | 'setting' | 'duration';

export interface RunSort {
  by: SortColumn;
  direction: 'asc' | 'desc';
}

export const noFilters: RunFilters = {
  experimentId: null,
  statuses: null,
  tag: '',
  backend: '',
  metric: 'val.loss',
  metricAtLeast: '',
  metricAtMost: '',
  settingPath: '',
  settingValue: '',
};

/** The filter part of runs.list's params: no status, sort or paging. */
export type RunListFilter = Omit<
  z.input<typeof runsListParamsSchema>,
  'status' | 'sort' | 'limit' | 'offset'
>;

export type Checked<T> = { ok: true; value: T } | { ok: false; field: string; problem: string };

/** What a person typed for a setting's value, as the JSON text configs hold: adam → "adam". */
export function settingJson(typed: string): string {
  const text = typed.trim();
  try {
    return JSON.stringify(JSON.parse(text));
  } catch {
    return JSON.stringify(text);
  }
}

/** A setting's JSON text as a person reads it: "adam" → adam, 0.01 stays. */
export function settingText(json: string | null | undefined): string {
  if (json === null || json === undefined) return 'not set';
  const value: unknown = JSON.parse(json);
  return typeof value === 'string' ? value : json;
}

/** A setting column's heading: its last name in words, `…optimizer.learningRate` → "Learning rate". */
export function settingLabel(path: string): string {
  const name =
    path
      .replace(/\[\d+\]$/, '')
      .split('.')
      .at(-1) ?? path;
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function bound(typed: string, field: string): Checked<number | undefined> {
  if (typed.trim() === '') return { ok: true, value: undefined };
  const value = Number(typed.trim());
  return Number.isFinite(value)
    ? { ok: true, value }
    : { ok: false, field, problem: `${field}: “${typed}” is not a number.` };
}

/** The filters as runs.list params, or the first field a person has to correct, named. */
export function listFilter(filters: RunFilters): Checked<RunListFilter> {
  const atLeast = bound(filters.metricAtLeast, 'Best at least');
  if (!atLeast.ok) return atLeast;
  const atMost = bound(filters.metricAtMost, 'Best at most');
  if (!atMost.ok) return atMost;
  const path = filters.settingPath.trim();
  if (path !== '' && !settingPathSchema.safeParse(path).success) {
    return {
      ok: false,
      field: 'Setting',
      problem: `Setting: “${path}” is not a setting path; write names joined by dots, e.g. optimization.optimizer.learningRate.`,
    };
  }
  if (path === '' && filters.settingValue.trim() !== '') {
    return { ok: false, field: 'Setting value', problem: 'Setting value: choose a setting first.' };
  }
  const metricBounded = atLeast.value !== undefined || atMost.value !== undefined;
  return {
    ok: true,
    value: {
      ...(filters.experimentId === null ? {} : { experimentId: filters.experimentId }),
      ...(filters.tag === '' ? {} : { tag: filters.tag }),
      ...(filters.backend === '' ? {} : { backend: filters.backend }),
      ...(path !== '' && filters.settingValue.trim() !== ''
        ? { setting: { path, equals: settingJson(filters.settingValue) } }
        : {}),
      ...(metricBounded
        ? {
            metric: {
              key: filters.metric,
              ...(atLeast.value === undefined ? {} : { atLeast: atLeast.value }),
              ...(atMost.value === undefined ? {} : { atMost: atMost.value }),
            },
          }
        : {}),
    },
  };
}

/** The finished statuses the filters let through (the history lists finished runs only). */
export function finishedAmong(statuses: readonly RunStatus[] | null): RunStatus[] {
  return statuses === null
    ? [...finishedStatuses]
    : finishedStatuses.filter((status) => statuses.includes(status));
}

/** runs.list's sort for a column of the table. */
export function listSort(
  sort: RunSort,
  filters: Pick<RunFilters, 'metric' | 'settingPath'>,
): NonNullable<z.input<typeof runsListParamsSchema>['sort']> {
  const { by, direction } = sort;
  if (by === 'metric') return { by, metric: filters.metric, which: 'best', direction };
  if (by === 'setting') return { by, path: filters.settingPath.trim(), direction };
  return { by, direction };
}
