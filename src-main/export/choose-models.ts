import { assertNever, LabError } from '@shared/contract/envelope';
import type { ExportKind, Source } from '@shared/contract/exports';
import { improves } from '@shared/training/monitor';
import type { CheckpointRecord } from '../store/checkpoints-repository';
import type { StoreReader } from '../store/open-store';
import type { RunRecord } from '../store/runs-repository';

export interface ExportMember {
  run: RunRecord;
  checkpoint: CheckpointRecord;
}

/** What an export writes: one model, or the members of an ensemble. */
export type ExportPlan = (
  | { kind: 'single'; member: ExportMember }
  | { kind: 'ensemble'; ensemble: 'snapshot' | 'deep'; members: ExportMember[] }
) & {
  validationMetrics: Record<string, number>;
  /** Only a model its run (or the experiment) selected was ever scored on the test split. */
  testMetrics: Record<string, number> | null;
};

type ModelRecords = Pick<StoreReader, 'runs' | 'checkpoints' | 'ensembles'>;

/** The selection monitor's value of a checkpoint, and whether it beats another's. */
function monitorOf(run: RunRecord) {
  const { monitor, mode } = run.config.strategy.selection;
  return {
    value: (checkpoint: CheckpointRecord) => checkpoint.metrics[monitor],
    // A stored spec is resolved, so "auto" never reaches here; it reads as max, as it always did.
    better: (a: number, b: number) => improves(mode === 'min' ? 'min' : 'max', a, b),
  };
}

function bestOf(members: readonly ExportMember[]): ExportMember | undefined {
  let best: ExportMember | undefined;
  for (const member of members) {
    const { value, better } = monitorOf(member.run);
    const candidate = value(member.checkpoint);
    const current = best === undefined ? undefined : value(best.checkpoint);
    if (candidate !== undefined && (current === undefined || better(candidate, current)))
      best = member;
  }
  return best;
}

/**
 * The one model a restart contributes to a deep ensemble: its selected model when that is a single
 * one (best epoch or SWA); a restart that selected its snapshot ensemble contributes the better of
 * its best-epoch and SWA models, so the deep ensemble stays one network per restart.
 */
export function restartModel(store: ModelRecords, run: RunRecord): ExportMember | undefined {
  const find = (kind: 'best' | 'swa') => {
    const checkpoint = store.checkpoints.find(run.id, kind);
    return checkpoint === undefined ? [] : [{ run, checkpoint }];
  };
  if (run.selectedCandidate === 'swa') return find('swa')[0] ?? find('best')[0];
  if (run.selectedCandidate === 'best-epoch') return find('best')[0];
  return bestOf([...find('best'), ...find('swa')]);
}

/** The runs of the experiment's current spec version that finished well. */
export function succeededRuns(store: ModelRecords, experimentId: number): RunRecord[] {
  const runs = store.runs.listForExperiment(experimentId);
  const version = Math.max(0, ...runs.map((run) => run.specVersion));
  return runs.filter((run) => run.specVersion === version && run.status === 'succeeded');
}

/** Test metrics are recorded for a run's selected model only. */
function testMetricsIf(run: RunRecord, candidate: RunRecord['selectedCandidate']) {
  return run.selectedCandidate === candidate ? run.testMetrics : null;
}

function runPlan(store: ModelRecords, run: RunRecord, kind: ExportKind): ExportPlan {
  switch (kind) {
    case 'best':
    case 'swa': {
      const checkpoint = store.checkpoints.find(run.id, kind);
      if (checkpoint === undefined) {
        const why =
          kind === 'best'
            ? 'it has not finished an epoch'
            : 'its strategy has no SWA, or it stopped before SWA began';
        throw new LabError(
          'not_found',
          `Run ${run.id} has no ${kind === 'best' ? 'best' : 'SWA'} model: ${why}.`,
        );
      }
      const testMetrics = testMetricsIf(run, kind === 'best' ? 'best-epoch' : 'swa');
      return {
        kind: 'single',
        member: { run, checkpoint },
        validationMetrics: checkpoint.metrics,
        testMetrics,
      };
    }
    case 'ensemble': {
      const ensemble = store.ensembles.snapshotOf(run.id);
      if (ensemble === undefined) {
        throw new LabError(
          'not_found',
          `Run ${run.id} has no snapshot ensemble: its strategy takes no snapshots, or it has not finished.`,
        );
      }
      const members = ensemble.members.map((id) => ({
        run,
        checkpoint: store.checkpoints.get(id),
      }));
      return {
        kind: 'ensemble',
        ensemble: 'snapshot',
        members,
        validationMetrics: ensemble.metrics,
        testMetrics: testMetricsIf(run, 'snapshot-ensemble'),
      };
    }
    default:
      return assertNever(kind, 'export kind');
  }
}

function experimentPlan(store: ModelRecords, experimentId: number, kind: ExportKind): ExportPlan {
  const runs = succeededRuns(store, experimentId);
  if (runs.length === 0) {
    throw new LabError('not_found', `Experiment ${experimentId} has no succeeded run to export.`);
  }
  if (kind === 'ensemble') {
    const members = runs.flatMap((run) => restartModel(store, run) ?? []);
    const deep = store.ensembles.listForExperiment(experimentId).find((e) => e.kind === 'deep');
    return {
      kind: 'ensemble',
      ensemble: 'deep',
      members,
      validationMetrics: metricsOf(deep?.metrics ?? {}, 'val.') ?? {},
      testMetrics: metricsOf(deep?.metrics ?? {}, 'test.'),
    };
  }
  const candidates = runs.flatMap((run) => {
    const checkpoint = store.checkpoints.find(run.id, kind);
    return checkpoint === undefined ? [] : [{ run, checkpoint }];
  });
  const best = bestOf(candidates);
  if (best === undefined) {
    throw new LabError(
      'not_found',
      `No run of experiment ${experimentId} has a ${kind === 'best' ? 'best' : 'SWA'} model.`,
    );
  }
  return runPlan(store, best.run, kind);
}

/** The metrics of one split (`val.`, `test.`), or null when none was recorded. */
function metricsOf(metrics: Record<string, number>, prefix: string): Record<string, number> | null {
  const picked = Object.entries(metrics).filter(([key]) => key.startsWith(prefix));
  return picked.length === 0 ? null : Object.fromEntries(picked);
}

/**
 * Which checkpoints an export writes. For a run: its best checkpoint, its SWA model or its snapshot
 * ensemble. For an experiment: the best run's best or SWA model by the selection monitor, or the
 * deep ensemble of one model per restart.
 */
export function chooseModels(store: ModelRecords, source: Source, kind: ExportKind): ExportPlan {
  switch (source.kind) {
    case 'run':
      return runPlan(store, store.runs.get(source.id), kind);
    case 'experiment':
      return experimentPlan(store, source.id, kind);
    default:
      return assertNever(source, 'source');
  }
}
