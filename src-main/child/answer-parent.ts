import type { ZodType } from 'zod';
import { describeZodIssues } from '@shared/contract/zod-issues';
import { openParentChannel, type ParentChannel } from './parent-channel';

export interface Failed {
  type: 'failed';
  message: string;
}

export interface AnswerOptions<Request extends { version: number }, Reply> {
  /** The request the parent sends, checked before `answer` sees it. */
  requestSchema: ZodType<Request>;
  /** This child's protocol version; a request of another is refused with a sentence. */
  version: number;
  /** The protocol's name in that sentence: "evaluator", "landscape". */
  protocol: string;
  /** Computes the reply; may send progress on the channel first. A throw becomes a `failed`. */
  answer: (request: Request, channel: ParentChannel) => Promise<Reply>;
}

/**
 * The child side of `runChild`: waits for the one request, answers it (or says why it cannot) and
 * lets the process exit. Used by the entries of the evaluator children.
 */
export function answerParent<Request extends { version: number }, Reply>(
  options: AnswerOptions<Request, Reply>,
): void {
  const channel = openParentChannel();
  async function respond(raw: unknown): Promise<Reply | Failed> {
    const parsed = options.requestSchema.safeParse(raw);
    if (!parsed.success) {
      const problems = describeZodIssues(parsed.error.issues, raw).map((p) => p.text);
      return { type: 'failed', message: `Malformed message from the lab: ${problems.join('; ')}` };
    }
    if (parsed.data.version !== options.version) {
      return {
        type: 'failed',
        message: `The lab speaks ${options.protocol} protocol ${parsed.data.version}; this child speaks ${options.version}.`,
      };
    }
    return options.answer(parsed.data, channel);
  }
  channel.onMessage((raw) => {
    void respond(raw)
      .catch((error: unknown): Failed => ({
        type: 'failed',
        message: error instanceof Error ? error.message : String(error),
      }))
      .then(async (reply) => {
        await channel.send(reply);
        channel.close();
      });
  });
}
