import type { ChildExit, ChildLauncher, LaunchedChild } from './launcher';
import { StderrTail } from './stderr-tail';

/** How a child ended, with the last lines it wrote to stderr (for the sentence about it). */
export interface ChildEnd {
  exit: ChildExit;
  stderrLines: string[];
}

/** A child started by `startChild`: talk to it, end it, and learn how it ended. */
export interface StartedChild {
  /** The launched process as the launcher gave it, e.g. for a closing lab that ends its children. */
  readonly process: LaunchedChild;
  send(message: unknown): void;
  /** Ends the process at once (SIGKILL). */
  kill(): void;
  /** Adds text to the kept stderr tail, e.g. a warning the child reported as a message. */
  noteStderr(text: string): void;
  /** Resolves once, after the process has ended and its stderr is drained. */
  readonly ended: Promise<ChildEnd>;
}

export interface StartChildOptions {
  /** Variables added to the lab's own environment, e.g. CUDA_VISIBLE_DEVICES. */
  env?: Record<string, string>;
  /** Every message the child sends, in order. */
  onMessage: (message: unknown) => void;
}

/**
 * The one way the lab starts a child it talks to: launches `script`, keeps its stderr tail, hands
 * each message to `onMessage` and sends `request` first. `runChild` (one request, one reply) and a
 * run's trainer session (a stream of reports, a cancel, a kill) are both built on it.
 */
export function startChild(
  launcher: ChildLauncher,
  script: string,
  request: unknown,
  options: StartChildOptions,
): StartedChild {
  const tail = new StderrTail();
  const child = launcher.launch({ script, env: options.env ?? {} });
  child.onStderr((text) => tail.append(text));
  child.onMessage(options.onMessage);
  const ended = new Promise<ChildEnd>((resolve) =>
    child.onExit((exit) => resolve({ exit, stderrLines: tail.lines() })),
  );
  child.send(request);
  return {
    process: child,
    send: (message) => child.send(message),
    kill: () => child.kill(),
    noteStderr: (text) => tail.append(text),
    ended,
  };
}
