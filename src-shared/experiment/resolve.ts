import { describeZodIssues, plainEnglishError } from '../contract/zod-issues';
import type { DataFacts } from './datasets';
import { knownFacts } from './facts';
import { improvementMode, parseMonitor } from './metric-names';
import { defaultLossFor } from './optimization';
import { asErrors, SpecError } from './problems';
import { experimentSpecSchema, type ResolvedSpec } from './spec';

/** `mode: "auto"` → the direction in which the monitored metric improves. */
function concreteMode(monitor: string, mode: 'auto' | 'min' | 'max'): 'min' | 'max' {
  if (mode !== 'auto') return mode;
  const key = parseMonitor(monitor);
  if (key === null)
    throw new Error(`resolve: monitor ${monitor} passed validation but does not parse`);
  return improvementMode(key.metric);
}

function sortedRecord<T>(record: Readonly<Record<string, T>>): Record<string, T> {
  return Object.fromEntries(
    Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
}

/**
 * The fully defaulted spec stored with every run: every field present, keys in schema order
 * (record keys sorted), `mode: "auto"` made concrete, and — once the task is known from the spec,
 * the built-in catalog or `facts` — `data.task` and `optimization.loss` made concrete too.
 * Idempotent: resolving a resolved spec returns an equal one. Throws `SpecError` with every
 * schema problem when the input does not parse (see `validateSpec` for the full report).
 */
export function resolve(input: unknown, facts?: DataFacts): ResolvedSpec {
  const parsed = experimentSpecSchema.safeParse(input, { error: plainEnglishError });
  if (!parsed.success) throw new SpecError(asErrors(describeZodIssues(parsed.error.issues, input)));
  const spec = parsed.data;
  const { task } = knownFacts(spec.data, facts);
  const { source } = spec.data;
  const { earlyStopping } = spec.training;
  const { selection } = spec.strategy;
  return {
    ...spec,
    data: {
      ...spec.data,
      source: source.kind === 'csv' ? { ...source, columns: sortedRecord(source.columns) } : source,
      task: task ?? 'auto',
    },
    optimization: {
      ...spec.optimization,
      loss:
        spec.optimization.loss === 'auto' && task !== null
          ? defaultLossFor(task)
          : spec.optimization.loss,
    },
    training: {
      ...spec.training,
      earlyStopping:
        earlyStopping === null
          ? null
          : { ...earlyStopping, mode: concreteMode(earlyStopping.monitor, earlyStopping.mode) },
    },
    strategy: {
      ...spec.strategy,
      selection: { ...selection, mode: concreteMode(selection.monitor, selection.mode) },
    },
  };
}

/** JSON with object keys sorted at every level: equal specs give equal text, fit for hashing. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, node: unknown) =>
    node !== null && typeof node === 'object' && !Array.isArray(node)
      ? sortedRecord(node as Record<string, unknown>)
      : node,
  );
}
