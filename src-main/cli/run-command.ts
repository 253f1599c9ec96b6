import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { dispatch } from '@shared/contract/dispatch';
import { LabError, type Reply } from '@shared/contract/envelope';
import type { LabMethod, ParamsOf, ResultOf } from '@shared/contract/lab-api';
import { finishedStatuses } from '@shared/contract/runs';
import { parseMonitor } from '@shared/experiment';
import { absolutizeDataPaths } from '../lab/data-paths';
import { createLabCore, type LabCore } from '../lab/lab-core';
import { builtPaths, defaultDataDir } from '../paths';
import { updateSlurmSettings } from '../slurm/settings-file';
import { formatComparison } from './comparison-table';
import { EXIT_OK, EXIT_RUNS_FAILED } from './exit-codes';
import type { RunCommand } from './lab-args';
import { createProgressView, type ProgressOutput } from './progress-view';

export interface CliIo {
  stdout: ProgressOutput;
  stderr: (text: string) => void;
}

/** A LabApi call that turns an error reply into a thrown LabError. */
async function call<M extends LabMethod>(
  core: LabCore,
  method: M,
  params: ParamsOf<M>,
): Promise<ResultOf<M>> {
  const reply = (await dispatch(core.handlers, method, params)) as Reply<ResultOf<M>>;
  if (!reply.ok) throw new LabError(reply.error.code, reply.error.message, reply.error.details);
  return reply.value;
}

async function readSpec(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new LabError('invalid_argument', `Cannot read ${file}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new LabError(
      'invalid_argument',
      `${file} is not valid JSON: ${(error as Error).message}`,
    );
  }
}

/** Resolves once every run has a finished status, whichever came first: the event or the look. */
async function allFinished(
  core: LabCore,
  experimentId: number,
  runIds: readonly number[],
): Promise<void> {
  const waiting = new Set(runIds);
  let settle: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (settle = resolve));
  const mark = (runId: number, status: string) => {
    if ((finishedStatuses as readonly string[]).includes(status)) waiting.delete(runId);
    if (waiting.size === 0) settle();
  };
  const unsubscribe = core.events.subscribe((message) => {
    if (message.event === 'run.status') mark(message.payload.runId, message.payload.status);
  });
  const { runs } = await call(core, 'runs.list', { experimentId });
  for (const run of runs) mark(run.id, run.status);
  await done;
  unsubscribe();
}

/**
 * `basin run`: stores the experiment, launches it on the device pool, shows each active run's
 * progress, and ends with the strategy comparison. The exit code says whether every run succeeded.
 */
export async function runCommand(command: RunCommand, mainDir: string, io: CliIo): Promise<number> {
  const specFile = resolve(command.specFile);
  const spec = absolutizeDataPaths(await readSpec(specFile), dirname(specFile));
  const paths = builtPaths(mainDir);
  const dataDir = resolve(command.dataDir ?? defaultDataDir());
  const core = await createLabCore({
    dataDir,
    probeScript: paths.probeScript,
    trainerScript: paths.trainerScript,
    evaluatorScript: paths.evaluatorScript,
    landscapeScript: paths.landscapeScript,
    resourcesDir: paths.resourcesDir,
    devices: {
      ...(command.cpuSlots === null ? {} : { cpuSlots: command.cpuSlots }),
      gpus: command.gpus,
      ...(command.slotsPerGpu === null ? {} : { slotsPerGpu: command.slotsPerGpu }),
      slurm: command.slurm === null ? null : updateSlurmSettings(dataDir, command.slurm),
    },
    reportError: io.stderr,
  });
  let launchedIds: readonly number[] = [];
  let interrupted = false;
  // Ctrl+C cancels this experiment's runs (a running one stops at a batch, resumable later) and
  // still ends with the comparison of what finished; a second Ctrl+C ends the process at once.
  const interrupt = () => {
    interrupted = true;
    io.stderr('Stopping: cancelling the runs; the ones already training can be resumed later.\n');
    for (const id of launchedIds) void dispatch(core.handlers, 'runs.cancel', { id });
  };
  process.once('SIGINT', interrupt);
  try {
    if (core.lowDisk !== null) {
      io.stderr(`basin: ${core.lowDisk}; nothing was started.\n`);
      return EXIT_RUNS_FAILED;
    }
    const experiment = await call(core, 'experiments.create', { spec });
    if (interrupted) return EXIT_RUNS_FAILED;
    const monitor = parseMonitor(
      (spec as { strategy?: { selection?: { monitor?: string } } }).strategy?.selection?.monitor ??
        'val.loss',
    );
    const watched = [
      'train.loss',
      'val.loss',
      ...(monitor === null ? [] : [`val.${monitor.metric}`]),
    ];
    io.stdout.write(`Experiment ${experiment.id}: ${experiment.name}\nData: ${dataDir}\n`);
    const identities = new Map<number, { restart: number; fold: number | null }>();
    const progress = createProgressView(io.stdout, experiment.id, identities, [
      ...new Set(watched),
    ]);
    const unsubscribe = core.events.subscribe((message) => {
      if (message.event === 'run.status') progress.status(message.payload);
      if (message.event === 'run.epoch') progress.epoch(message.payload);
    });
    const launched = await call(core, 'experiments.launch', { id: experiment.id });
    launchedIds = launched.runIds;
    const { runs } = await call(core, 'runs.list', { experimentId: experiment.id });
    for (const run of runs) identities.set(run.id, { restart: run.restart, fold: run.fold });
    const count = launched.runIds.length;
    io.stdout.write(
      `Launched ${count} run${count === 1 ? '' : 's'} (${launched.runIds.join(', ')}).\n`,
    );
    await allFinished(core, experiment.id, launched.runIds);
    progress.close();
    unsubscribe();
    await core.experimentSettled(experiment.id);

    const comparison = await call(core, 'compare.strategies', { experimentId: experiment.id });
    io.stdout.write(`\n${formatComparison(comparison)}\n`);
    const final = await call(core, 'runs.list', { experimentId: experiment.id });
    const unsuccessful = final.runs.filter((run) => run.status !== 'succeeded');
    for (const run of unsuccessful) {
      io.stdout.write(`run ${run.id} ${run.status}${run.error === null ? '' : `: ${run.error}`}\n`);
    }
    return unsuccessful.length === 0 ? EXIT_OK : EXIT_RUNS_FAILED;
  } finally {
    process.off('SIGINT', interrupt);
    await core.close();
  }
}
