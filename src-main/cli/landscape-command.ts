import { resolve } from 'node:path';
import { dispatch } from '@shared/contract/dispatch';
import { LabError, type Reply } from '@shared/contract/envelope';
import type { Landscape } from '@shared/contract/landscape';
import { createLabCore } from '../lab/lab-core';
import { builtPaths, defaultDataDir } from '../paths';
import type { LandscapeCommand } from './lab-args';
import { landscapeJson, landscapeTable } from './landscape-output';
import { EXIT_OK, EXIT_RUNS_FAILED } from './exit-codes';
import type { CliIo } from './run-command';

async function call<T>(reply: Promise<Reply<unknown>>): Promise<T> {
  const answer = await reply;
  if (!answer.ok) throw new LabError(answer.error.code, answer.error.message, answer.error.details);
  return answer.value as T;
}

/**
 * `basin landscape`: computes (or reads back) the landscape of the checkpoints in the evaluator
 * child, showing progress on stderr, then prints the result as JSON or a table on stdout.
 */
export async function landscapeCommand(
  command: LandscapeCommand,
  mainDir: string,
  io: CliIo,
): Promise<number> {
  const paths = builtPaths(mainDir);
  const core = await createLabCore({
    dataDir: resolve(command.dataDir ?? defaultDataDir()),
    probeScript: paths.probeScript,
    trainerScript: paths.trainerScript,
    evaluatorScript: paths.evaluatorScript,
    landscapeScript: paths.landscapeScript,
    resourcesDir: paths.resourcesDir,
    devices: { cpuSlots: 1, gpus: [], slurm: null },
    // Landscapes only: nothing queued starts training under this command.
    holdQueue: true,
    reportError: io.stderr,
  });
  try {
    // Events can only name the landscape once start has answered; an end is remembered by id.
    const ends = new Map<number, () => void>();
    const ended = new Set<number>();
    const unsubscribe = core.events.subscribe(({ event, payload }) => {
      if (event !== 'landscape.progress') return;
      if (payload.status === 'running') {
        io.stderr(`\rScoring point ${payload.done} of ${payload.total}…`);
      } else {
        ended.add(payload.id);
        ends.get(payload.id)?.();
      }
    });
    const started = await call<Landscape>(
      dispatch(core.handlers, 'landscape.start', {
        checkpoints: command.checkpoints,
        ...(command.points === null ? {} : { points: command.points }),
        ...(command.seed === null ? {} : { seed: command.seed }),
        recomputeBatchNorm: command.recomputeBatchNorm,
      }),
    );
    const { id } = started;
    if (started.status === 'running' && !ended.has(id)) {
      await new Promise<void>((resolve) => ends.set(id, resolve));
    }
    unsubscribe();
    if (started.status === 'running') io.stderr('\n');
    const landscape = await call<Landscape>(dispatch(core.handlers, 'landscape.get', { id }));
    io.stdout.write(
      `${command.json ? JSON.stringify(landscapeJson(landscape), null, 1) : landscapeTable(landscape)}\n`,
    );
    return landscape.status === 'done' ? EXIT_OK : EXIT_RUNS_FAILED;
  } finally {
    await core.close();
  }
}
