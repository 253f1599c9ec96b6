import { fork } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  TRAINER_PROTOCOL_VERSION,
  trainerToParentSchema,
  type DoneMessage,
  type EpochMessage,
  type StartMessage,
  type TrainerToParent,
} from '@shared/contract/trainer-protocol';

/** The repository root: the nearest folder above this file that holds package.json. */
function repositoryRoot(): string {
  let folder = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(folder, 'package.json'))) {
    const parent = dirname(folder);
    if (parent === folder) throw new Error('trainer harness: no package.json above this file');
    folder = parent;
  }
  return folder;
}

export const REPOSITORY_ROOT = repositoryRoot();
export const TRAINER_ENTRY = join(REPOSITORY_ROOT, 'out', 'main', 'trainer.js');
export const RESOURCES_DIR = join(REPOSITORY_ROOT, 'resources');

export interface TrainerRun {
  messages: TrainerToParent[];
  exitCode: number | null;
  checkpointDir: string;
  epochs: EpochMessage[];
  /** The last message: done, cancelled or failed. */
  last: TrainerToParent;
  done: DoneMessage;
}

export interface RunOptions {
  spec: unknown;
  checkpointDir?: string;
  resumeFrom?: string | null;
  fold?: number | null;
  fashionMnistDir?: string | null;
  /** Sends `cancel` right after the trainer reports a message for which this returns true. */
  cancelWhen?: (message: TrainerToParent) => boolean;
  /** Closes the IPC channel (as a dying parent would) right after a message for which this returns true. */
  disconnectWhen?: (message: TrainerToParent) => boolean;
  /** Variables added to the trainer's environment, e.g. BASIN_WEBGPU_SOFTWARE. */
  env?: Record<string, string>;
  /** Raw messages sent instead of the start message, to test the protocol itself. */
  rawMessages?: unknown[];
}

export function newCheckpointDir(): string {
  return mkdtempSync(join(tmpdir(), 'basin-trainer-test-'));
}

/**
 * Forks the built trainer (`npm run build` makes out/main/trainer.js) exactly as the lab core does,
 * validates every message it sends against the protocol, and resolves when it exits.
 */
export function runTrainer(options: RunOptions): Promise<TrainerRun> {
  if (!existsSync(TRAINER_ENTRY)) {
    throw new Error(
      `${TRAINER_ENTRY} does not exist: run \`npm run build\` before the trainer integration tests`,
    );
  }
  const checkpointDir = options.checkpointDir ?? newCheckpointDir();
  const child = fork(TRAINER_ENTRY, [], {
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    env: { ...process.env, ...options.env },
  });
  const messages: TrainerToParent[] = [];
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let cancelled = false;
  child.on('message', (raw) => {
    const message = trainerToParentSchema.parse(raw);
    messages.push(message);
    if (!cancelled && options.cancelWhen?.(message) === true) {
      cancelled = true;
      child.send({ type: 'cancel' });
    }
    if (child.connected && options.disconnectWhen?.(message) === true) child.disconnect();
  });
  const start: StartMessage = {
    type: 'start',
    version: TRAINER_PROTOCOL_VERSION,
    runId: 'test-run',
    spec: options.spec,
    fold: options.fold ?? null,
    data: { resourcesDir: RESOURCES_DIR, fashionMnistDir: options.fashionMnistDir ?? null },
    checkpointDir,
    resumeFrom: options.resumeFrom ?? null,
  };
  for (const message of options.rawMessages ?? [start]) child.send(message as object);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (exitCode) => {
      const last = messages.at(-1);
      if (last === undefined) {
        reject(
          new Error(`the trainer exited with ${exitCode} without a message; stderr:\n${stderr}`),
        );
        return;
      }
      resolve({
        messages,
        exitCode,
        checkpointDir,
        last,
        epochs: messages.filter((m): m is EpochMessage => m.type === 'epoch'),
        get done(): DoneMessage {
          if (last.type !== 'done')
            throw new Error(`the run did not finish: ${JSON.stringify(last)}\n${stderr}`);
          return last;
        },
      });
    });
  });
}

/** An epoch's numbers that must repeat exactly: everything but timings. */
export function curve(epochs: readonly EpochMessage[]): unknown[] {
  return epochs.map(({ wallTimeMs: _wall, samplesPerSecond: _speed, ...rest }) => rest);
}
