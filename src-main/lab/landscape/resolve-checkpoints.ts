import { LabError } from '@shared/contract/envelope';
import type { CheckpointRef } from '@shared/contract/landscape';
import { canonicalJson } from '@shared/experiment';
import { restartModel } from '../../export/choose-models';
import type { CheckpointRecord } from '../../store/checkpoints-repository';
import type { Store } from '../../store/open-store';
import type { RunRecord } from '../../store/runs-repository';

export interface ResolvedCheckpoint {
  run: RunRecord;
  checkpoint: CheckpointRecord;
}

function describeRef(ref: CheckpointRef): string {
  return ref.kind === 'snapshot'
    ? `run:${ref.runId}:snapshot-${ref.snapshot}`
    : `run:${ref.runId}:${ref.kind}`;
}

/** The checkpoint a reference names, or a not_found error that says what the run has. */
export function resolveCheckpoint(
  store: Pick<Store, 'runs' | 'checkpoints' | 'ensembles'>,
  ref: CheckpointRef,
): ResolvedCheckpoint {
  const run = store.runs.get(ref.runId);
  const missing = (why: string) => new LabError('not_found', `${describeRef(ref)}: ${why}.`);
  switch (ref.kind) {
    case 'selected': {
      const model = restartModel(store, run);
      if (model === undefined)
        throw missing(`run ${run.id} has no selected model yet (status ${run.status})`);
      return model;
    }
    case 'best':
    case 'swa': {
      const checkpoint = store.checkpoints.find(run.id, ref.kind);
      if (checkpoint === undefined) {
        throw missing(
          ref.kind === 'best'
            ? `run ${run.id} has not finished an epoch`
            : `run ${run.id} has no SWA model: its strategy has no SWA, or it stopped before SWA began`,
        );
      }
      return { run, checkpoint };
    }
    case 'snapshot': {
      const snapshots = store.checkpoints.listForRun(run.id).filter((c) => c.kind === 'snapshot');
      const checkpoint = snapshots[ref.snapshot - 1];
      if (checkpoint === undefined) {
        throw missing(`run ${run.id} has ${snapshots.length} snapshots (numbered from 1)`);
      }
      return { run, checkpoint };
    }
  }
}

/** What makes two checkpoints comparable point by point: the same layers on the same data. */
function architectureOf(run: RunRecord): string {
  const { data, split, model } = run.config;
  return canonicalJson({ data, split, layers: model.layers, fold: run.fold });
}

/** Throws unless every checkpoint is of one architecture trained on one data split. */
export function requireComparable(resolved: readonly ResolvedCheckpoint[]): void {
  const [first, ...rest] = resolved;
  if (first === undefined) return;
  for (const other of rest) {
    if (architectureOf(other.run) !== architectureOf(first.run)) {
      throw new LabError(
        'invalid_argument',
        `Runs ${first.run.id} and ${other.run.id} differ in their layers, data, split or fold: a landscape needs checkpoints of one model on one data split.`,
      );
    }
  }
}

export function checkpointLabel({
  run,
  checkpoint,
}: ResolvedCheckpoint | { run: Pick<RunRecord, 'id'>; checkpoint: CheckpointRecord }): string {
  return `run ${run.id} ${checkpoint.kind} (epoch ${checkpoint.epoch})`;
}
