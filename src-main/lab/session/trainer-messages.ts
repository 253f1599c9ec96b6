import {
  TRAINER_PROTOCOL_VERSION,
  trainerToParentSchema,
  type TrainerToParent,
} from '@shared/contract/trainer-protocol';
import { describeZodIssues } from '@shared/contract/zod-issues';

export type DecodedMessage =
  { ok: true; message: TrainerToParent } | { ok: false; problem: string };

/**
 * A trainer's raw IPC message as the protocol says it must be, or the sentence that ends the run:
 * a message that does not parse, or a `ready` of another protocol version.
 */
export function decodeTrainerMessage(raw: unknown): DecodedMessage {
  const parsed = trainerToParentSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = describeZodIssues(parsed.error.issues, raw).map((p) => p.text);
    return {
      ok: false,
      problem: `The trainer sent a message the lab cannot read: ${problems.join('; ')}`,
    };
  }
  const message = parsed.data;
  if (message.type === 'ready' && message.version !== TRAINER_PROTOCOL_VERSION) {
    return {
      ok: false,
      problem: `The trainer speaks protocol version ${message.version}; this lab speaks ${TRAINER_PROTOCOL_VERSION}.`,
    };
  }
  return { ok: true, message };
}
