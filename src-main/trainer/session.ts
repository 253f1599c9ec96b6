import {
  parentToTrainerSchema,
  TRAINER_PROTOCOL_VERSION,
  trainerToParentSchema,
  type StartMessage,
  type TrainerToParent,
} from '@shared/contract/trainer-protocol';
import { assertNever } from '@shared/contract/envelope';
import { describeZodIssues } from '@shared/contract/zod-issues';
import { gpuErrors } from './backend/webgpu-errors';
import { finishRun } from './loop/finish-run';
import { recordEngine } from './engine-record';
import type { TrainerLink } from './loop/run-context';
import { trainEpochs } from './loop/train-epochs';
import type { ParentChannel } from '../child/parent-channel';
import { prepareRun } from './prepare-run';
import { TrainerFailure } from './trainer-failure';

async function train(start: StartMessage, link: TrainerLink): Promise<TrainerToParent> {
  if (start.version !== TRAINER_PROTOCOL_VERSION) {
    throw new TrainerFailure(
      'protocol',
      `The parent speaks trainer protocol ${start.version}; this trainer speaks ${TRAINER_PROTOCOL_VERSION}.`,
    );
  }
  const recorded = recordEngine(start.checkpointDir, link);
  const { ctx, progress, ready } = await prepareRun(start, recorded);
  await recorded.emit(ready);
  const outcome = await trainEpochs(ctx, progress);
  switch (outcome.kind) {
    case 'finished':
      return finishRun(ctx, progress);
    case 'cancelled':
      return {
        type: 'cancelled',
        epochsCompleted: progress.epochsCompleted,
        resumePath: outcome.resumePath,
      };
    case 'diverged':
      return {
        type: 'failed',
        code: 'diverged',
        message: outcome.message,
        diagnosis: outcome.diagnosis,
      };
    default:
      return assertNever(outcome, 'loop outcome');
  }
}

function failure(thrown: unknown): TrainerToParent {
  // A device error (out of memory) is the cause of whatever it made throw later, e.g. a read of an
  // invalid buffer: the run fails with the cause.
  const error = thrown instanceof TrainerFailure ? thrown : (gpuErrors.failure() ?? thrown);
  if (error instanceof TrainerFailure) {
    return { type: 'failed', code: error.code, message: error.message, diagnosis: error.diagnosis };
  }
  const message =
    error instanceof Error
      ? `${error.message}${error.stack === undefined ? '' : `\n${error.stack}`}`
      : String(error);
  return { type: 'failed', code: 'internal', message, diagnosis: null };
}

/**
 * The trainer's side of the protocol: waits for `start`, trains, reports, and ends with exactly one
 * of done / cancelled / failed. Every message in is validated; every message out is checked
 * against the same schemas the parent uses, so a drift between the two fails here first.
 */
export function serveParent(channel: ParentChannel): Promise<void> {
  let cancelRequested = false;
  let started = false;
  let connected = true;
  const link: TrainerLink = {
    emit: async (message) => {
      if (connected) await channel.send(trainerToParentSchema.parse(message));
    },
    cancelRequested: () => cancelRequested,
  };
  return new Promise<void>((settle) => {
    const finish = async (last: TrainerToParent): Promise<void> => {
      if (connected) {
        await channel.send(last);
        channel.close();
      }
      settle();
    };
    // A parent that dies mid-run is treated as a cancel: the run stops at the next batch with a
    // resume checkpoint on disk, so nothing trained is lost.
    channel.onDisconnect(() => {
      connected = false;
      cancelRequested = true;
    });
    channel.onMessage((raw) => {
      const parsed = parentToTrainerSchema.safeParse(raw);
      if (!parsed.success) {
        const problems = describeZodIssues(parsed.error.issues, raw).map((p) => p.text);
        void finish({
          type: 'failed',
          code: 'protocol',
          message: `Malformed message from the parent: ${problems.join('; ')}`,
          diagnosis: null,
        });
        return;
      }
      const message = parsed.data;
      switch (message.type) {
        case 'cancel':
          cancelRequested = true;
          return;
        case 'start':
          if (started) {
            void link.emit({
              type: 'log',
              level: 'warn',
              message: 'A second start message was ignored: a trainer trains one run.',
            });
            return;
          }
          started = true;
          void train(message, link).then(finish, (error: unknown) => finish(failure(error)));
          return;
        default:
          assertNever(message, 'parent message');
      }
    });
  });
}
