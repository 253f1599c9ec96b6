import {
  EVALUATOR_PROTOCOL_VERSION,
  evaluatorToParentSchema,
  type EvaluateMessage,
  type EvaluatorToParent,
} from '@shared/contract/evaluator-protocol';
import { restartModel } from '../export/choose-models';
import type { Store } from '../store/open-store';
import { experimentPick } from '../store/queries/experiment-pick';
import type { RunRecord } from '../store/runs-repository';
import type { LabEventBus } from './events';
import type { ChildLauncher } from '../child/launcher';
import { runChild } from '../child/run-child';

export interface DeepEnsembleContext {
  store: Store;
  events: LabEventBus;
  launcher: ChildLauncher;
  /** The built evaluator entry, out/main/ensemble.js. */
  evaluatorScript: string;
  resourcesDir: string;
  reportError: (message: string) => void;
}

/** Runs the evaluator child on one request and returns its answer; never throws. */
async function evaluate(
  context: DeepEnsembleContext,
  request: Omit<EvaluateMessage, 'type' | 'version'>,
): Promise<EvaluatorToParent> {
  const outcome = await runChild(
    context.launcher,
    context.evaluatorScript,
    { type: 'evaluate', version: EVALUATOR_PROTOCOL_VERSION, ...request },
    evaluatorToParentSchema,
    { name: 'The ensemble evaluator', env: { CUDA_VISIBLE_DEVICES: '' } },
  );
  return outcome.ok ? outcome.reply : { type: 'failed', message: outcome.message };
}

function sameMembers(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && [...a].sort().join() === [...b].sort().join();
}

/**
 * Keeps each experiment's deep ensembles up to date: once no run of a spec version is queued or
 * running, the restarts' models of every fold (at least two) are scored together on validation in
 * the evaluator and recorded; the test split is scored only when the ensemble is then the
 * experiment's pick. Work for one experiment is chained, so `settled` covers everything asked so far.
 */
export function createDeepEnsembles(context: DeepEnsembleContext) {
  const { store, events } = context;
  const scored = (experimentId: number, ensembleId: number) =>
    events.emit('experiment.ensembleScored', { experimentId, ensembleId });
  const pending = new Map<number, Promise<void>>();

  async function refresh(experimentId: number, specVersion: number): Promise<void> {
    const runs = store.runs
      .listForExperiment(experimentId)
      .filter((run) => run.specVersion === specVersion);
    if (runs.some((run) => run.status === 'queued' || run.status === 'running')) return;
    const byFold = new Map<number | null, RunRecord[]>();
    for (const run of runs.filter((r) => r.status === 'succeeded')) {
      byFold.set(run.fold, [...(byFold.get(run.fold) ?? []), run]);
    }
    const recorded = store.ensembles
      .listForExperiment(experimentId)
      .filter((e) => e.kind === 'deep');
    const succeeded = [...byFold.values()].flat();
    for (const [fold, foldRuns] of byFold) {
      const members = foldRuns.flatMap((run) => restartModel(store, run) ?? []);
      if (members.length < 2) continue;
      const ids = members.map((member) => member.checkpoint.id);
      if (recorded.some((e) => e.fold === fold && sameMembers(e.members, ids))) continue;
      const request = {
        members: members.map((member) => member.checkpoint.path),
        spec: members[0]?.run.config,
        fold,
        data: { resourcesDir: context.resourcesDir, fashionMnistDir: null },
      };
      const failed = (message: string) =>
        context.reportError(
          `The deep ensemble of experiment ${experimentId} could not be scored: ${message}`,
        );
      // Validation only: the ensemble competes with the restarts' selected models on it.
      const validation = await evaluate(context, { ...request, splits: ['val'] });
      if (validation.type === 'failed') {
        failed(validation.message);
        continue;
      }
      const ensemble = store.ensembles.recordDeep(experimentId, fold, {
        members: ids,
        rule: validation.rule,
        metrics: validation.metrics,
      });
      scored(experimentId, ensemble.id);
      const deep = store.ensembles.listForExperiment(experimentId).filter((e) => e.kind === 'deep');
      const pick = experimentPick(succeeded, deep, store.checkpoints, store.ensembles);
      if (pick?.kind !== 'deep-ensemble' || pick.ensemble.id !== ensemble.id) continue;
      // The experiment's pick: now, and only now, it is scored on the test split.
      const test = await evaluate(context, { ...request, splits: ['test'] });
      if (test.type === 'failed') {
        failed(test.message);
        continue;
      }
      const withTest = store.ensembles.recordDeep(experimentId, fold, {
        members: ids,
        rule: validation.rule,
        metrics: { ...validation.metrics, ...test.metrics },
      });
      scored(experimentId, withTest.id);
    }
  }

  return {
    /** Called whenever a run of the experiment reaches a final status. */
    runFinished(run: Pick<RunRecord, 'experimentId' | 'specVersion'>): void {
      const previous = pending.get(run.experimentId) ?? Promise.resolve();
      const next = previous
        .then(() => refresh(run.experimentId, run.specVersion))
        .catch((error: unknown) =>
          context.reportError(`Deep ensemble of experiment ${run.experimentId}: ${String(error)}`),
        );
      pending.set(run.experimentId, next);
    },

    /** Settles once the deep ensembles asked for so far are recorded (or reported as failed). */
    settled(experimentId: number): Promise<void> {
      return pending.get(experimentId) ?? Promise.resolve();
    },

    /** Settles once every evaluation asked for so far has ended. */
    async idle(): Promise<void> {
      await Promise.all(pending.values());
    },
  };
}

export type DeepEnsembles = ReturnType<typeof createDeepEnsembles>;
