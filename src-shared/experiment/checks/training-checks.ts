import { snapshotPlan } from '../../training/snapshots';
import { metricFitsTask, parseMonitor } from '../metric-names';
import type { PathKey } from '../paths';
import { specProblem, type SpecProblem } from '../problems';
import type { CheckContext } from './context';

function monitorProblem(
  context: CheckContext,
  path: PathKey[],
  monitor: string,
): SpecProblem | null {
  const key = parseMonitor(monitor);
  const task = context.facts?.task ?? null;
  if (key === null || task === null || metricFitsTask(key.metric, task)) return null;
  return specProblem('error', path, `${key.metric} is not defined for a ${task} task`, monitor);
}

/** Early stopping, the optimizer setup and the backend. */
function trainingProblems(context: CheckContext): SpecProblem[] {
  const { training, strategy, optimization } = context.sections;
  if (training === undefined) return [];
  const problems: (SpecProblem | null)[] = [];
  const stopping = training.earlyStopping;
  if (stopping !== null) {
    problems.push(
      monitorProblem(context, ['training', 'earlyStopping', 'monitor'], stopping.monitor),
    );
    if (stopping.startEpoch >= training.epochs) {
      problems.push(
        specProblem(
          'warning',
          ['training', 'earlyStopping', 'startEpoch'],
          `is not before the last epoch (training.epochs is ${training.epochs}), so early stopping never acts`,
          stopping.startEpoch,
        ),
      );
    }
    if (strategy !== undefined && (strategy.snapshot !== null || strategy.swa !== null)) {
      problems.push(
        specProblem(
          'warning',
          ['training', 'earlyStopping'],
          `can end a run before its ${strategy.snapshot === null ? 'SWA phase' : 'snapshot cycles'} complete: prefer selection by validation (strategy.selection) over stopping early`,
          stopping,
        ),
      );
    }
  }
  const schedule = optimization?.schedule;
  if (schedule?.kind === 'reduceOnPlateau') {
    const path: PathKey[] = ['optimization', 'schedule', 'monitor'];
    problems.push(
      parseMonitor(schedule.monitor) === null
        ? specProblem(
            'error',
            path,
            'must be a train or validation metric such as "val.loss"',
            schedule.monitor,
          )
        : monitorProblem(context, path, schedule.monitor),
    );
  }
  const warmup = schedule?.warmup;
  if (
    warmup !== undefined &&
    schedule?.stepUnit === 'epoch' &&
    warmup.duration >= training.epochs
  ) {
    problems.push(
      specProblem(
        'warning',
        ['optimization', 'schedule', 'warmup', 'duration'],
        `lasts the whole run (training.epochs is ${training.epochs}), so the schedule never starts`,
        warmup.duration,
      ),
    );
  }
  if (training.deterministic && training.backend === 'tensorflow-gpu') {
    problems.push(
      specProblem(
        'warning',
        ['training', 'deterministic'],
        'cannot be honoured on tensorflow-gpu, whose CUDA kernels are not bit-reproducible: use the cpu or wasm backend',
        true,
      ),
    );
  }
  return problems.filter((problem) => problem !== null);
}

/** Restarts, snapshot ensemble and SWA must fit in the epochs and agree with each other. */
function strategyProblems(context: CheckContext): SpecProblem[] {
  const { strategy, training, optimization, model } = context.sections;
  if (strategy === undefined) return [];
  const problems: (SpecProblem | null)[] = [
    monitorProblem(context, ['strategy', 'selection', 'monitor'], strategy.selection.monitor),
  ];
  const { restarts, snapshot, swa } = strategy;

  if (restarts.seeds !== null) {
    if (restarts.seeds.length !== restarts.count) {
      problems.push(
        specProblem(
          'error',
          ['strategy', 'restarts', 'seeds'],
          `must list exactly ${restarts.count} seeds (strategy.restarts.count), one per restart, or be null to derive them from training.seed`,
          restarts.seeds,
        ),
      );
    }
    if (new Set(restarts.seeds).size !== restarts.seeds.length) {
      problems.push(
        specProblem(
          'warning',
          ['strategy', 'restarts', 'seeds'],
          'repeats a seed, so those restarts train identically',
          restarts.seeds,
        ),
      );
    }
  }
  if (restarts.randomSearch.length > 0 && restarts.count === 1) {
    problems.push(
      specProblem(
        'warning',
        ['strategy', 'restarts', 'count'],
        'is 1, so the random search draws a single configuration: raise the count to compare several',
        1,
      ),
    );
  }

  if (training !== undefined && swa !== null && swa.startEpoch >= training.epochs) {
    problems.push(
      specProblem(
        'error',
        ['strategy', 'swa', 'startEpoch'],
        `must be < training.epochs (${training.epochs}): SWA needs at least one epoch to average`,
        swa.startEpoch,
      ),
    );
  }
  if (
    swa !== null &&
    !swa.recomputeBatchNorm &&
    model?.layers.some((layer) => layer.type === 'batchNorm')
  ) {
    problems.push(
      specProblem(
        'warning',
        ['strategy', 'swa', 'recomputeBatchNorm'],
        'is false, but the model has batch norm: the averaged weights would be used with statistics of other weights, which usually scores badly',
        false,
      ),
    );
  }

  if (snapshot !== null) {
    if (snapshot.membersUsed > snapshot.cycles) {
      problems.push(
        specProblem(
          'error',
          ['strategy', 'snapshot', 'membersUsed'],
          `must be ≤ strategy.snapshot.cycles (${snapshot.cycles}): there is one snapshot per cycle`,
          snapshot.membersUsed,
        ),
      );
    }
    if (training !== undefined) {
      const phase = swa === null ? training.epochs : Math.min(swa.startEpoch, training.epochs);
      const phaseName =
        swa === null
          ? `training.epochs (${phase})`
          : `the ${phase} epochs before SWA starts (strategy.swa.startEpoch)`;
      if (snapshot.cycles > phase) {
        problems.push(
          specProblem(
            'error',
            ['strategy', 'snapshot', 'cycles'],
            `must be ≤ ${phase}: each cycle needs at least one epoch of ${phaseName}`,
            snapshot.cycles,
          ),
        );
      } else {
        const plan = snapshotPlan(phase, snapshot.cycles);
        if (plan.snapshotEpochs.length < snapshot.cycles) {
          problems.push(
            specProblem(
              'warning',
              ['strategy', 'snapshot', 'cycles'],
              `cannot all fit: cycles of ⌈${phase}/${snapshot.cycles}⌉ = ${plan.cycleLength} epochs give only ${plan.snapshotEpochs.length} snapshots in ${phaseName}`,
              snapshot.cycles,
            ),
          );
        }
      }
    }
    if (optimization !== undefined && optimization.schedule.kind !== 'constant') {
      problems.push(
        specProblem(
          'warning',
          ['optimization', 'schedule', 'kind'],
          `is replaced by the snapshot ensemble's cosine cycles (strategy.snapshot) ${swa === null ? 'for the whole run' : 'until SWA starts'}: set it to "constant"`,
          optimization.schedule.kind,
        ),
      );
    }
  }
  return problems.filter((problem) => problem !== null);
}

export function trainingChecks(context: CheckContext): SpecProblem[] {
  return [...trainingProblems(context), ...strategyProblems(context)];
}
