import type { DataConfig } from './data';
import { builtinDatasets, type DataFacts, type Task } from './datasets';

/** What the spec and the data say so far; null where the data has not been read yet. */
export interface KnownFacts {
  task: Task | null;
  classCount: number | null;
  inputShape: number[] | null;
}

/**
 * Facts come from the caller when it has read the data, else from the built-in catalog; a task
 * named in the spec overrides the inferred one.
 */
export function knownFacts(data: DataConfig, given?: DataFacts): KnownFacts {
  const read =
    given ?? (data.source.kind === 'builtin' ? builtinDatasets[data.source.dataset].facts : null);
  const task = data.task === 'auto' ? (read?.task ?? null) : data.task;
  const classified = task === 'binary' || task === 'multiclass';
  return {
    task,
    classCount: classified ? (read?.classCount ?? null) : null,
    inputShape: read === null ? null : [...read.inputShape],
  };
}
