import type { ZodType } from 'zod';
import type { ChildLauncher, LaunchedChild } from './launcher';
import { startChild } from './start-child';
import { describeUnexpectedExit } from './stderr-tail';

export type ChildOutcome<Reply> = { ok: true; reply: Reply } | { ok: false; message: string };

export interface RunChildOptions<Reply> {
  /** Ends the child (SIGKILL) and fails when no reply came within this time; none by default. */
  timeoutMs?: number;
  /** Variables added to the lab's own environment, e.g. CUDA_VISIBLE_DEVICES. */
  env?: Record<string, string>;
  /** The child as the subject of a sentence: "The ensemble evaluator", "The cpu probe". */
  name: string;
  /**
   * For a child that reports as it works: sees every message that parses, and returns true for one
   * that is progress rather than the reply.
   */
  onProgress?: (message: Reply) => boolean;
  /** Hands out the launched child, e.g. so a closing lab can end it. */
  onLaunch?: (child: LaunchedChild) => void;
}

/**
 * Runs a short-lived child for one request and one reply: starts `script` with `request`
 * (`startChild`), takes the first message that parses as `replySchema` (after any progress, see
 * `onProgress`), and waits for the process to end (so its stderr is drained and nothing outlives
 * the call). Never throws: a reply that does not parse, a timeout, or an exit without a reply
 * becomes a sentence naming the child.
 */
export async function runChild<Reply>(
  launcher: ChildLauncher,
  script: string,
  request: unknown,
  replySchema: ZodType<Reply>,
  options: RunChildOptions<Reply>,
): Promise<ChildOutcome<Reply>> {
  let outcome: ChildOutcome<Reply> | undefined;
  const child = startChild(launcher, script, request, {
    env: options.env,
    onMessage: (raw) => {
      const parsed = replySchema.safeParse(raw);
      if (outcome === undefined && parsed.success && options.onProgress?.(parsed.data)) return;
      outcome ??= parsed.success
        ? { ok: true, reply: parsed.data }
        : { ok: false, message: `${options.name} sent a reply Basin could not read.` };
    },
  });
  options.onLaunch?.(child.process);
  const timer =
    options.timeoutMs === undefined
      ? undefined
      : setTimeout(() => {
          outcome ??= {
            ok: false,
            message: `${options.name} did not finish within ${options.timeoutMs} ms.`,
          };
          child.kill();
        }, options.timeoutMs);
  const { exit, stderrLines } = await child.ended;
  clearTimeout(timer);
  return (
    outcome ?? {
      ok: false,
      message: describeUnexpectedExit(exit, stderrLines, options.name, 'without a reply'),
    }
  );
}
