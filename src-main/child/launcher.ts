/**
 * How the lab starts its child processes (trainers, the ensemble evaluator). Under Node (CLI,
 * server, tests) this is `child_process.fork` (node-launcher.ts); under Electron it is
 * `utilityProcess.fork`, implemented in the Electron shell, so the lab core never imports electron.
 */
export interface ChildExit {
  /** Exit code, or null when a signal ended it. */
  code: number | null;
  /** The signal that ended it (e.g. SIGKILL), or null. */
  signal: string | null;
  /** How it ended in words, where the launcher knows better than a code (a Slurm job's state). */
  cause?: string;
  /** Ended by a cancel from outside the lab (`scancel`): the run is cancelled, not failed. */
  cancelledElsewhere?: boolean;
}

export interface LaunchedChild {
  readonly pid: number | undefined;
  send(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
  /** Text the child wrote to stderr, as it arrives. */
  onStderr(listener: (text: string) => void): void;
  /** Called once, after the process has ended and its output is drained. */
  onExit(listener: (exit: ChildExit) => void): void;
  /** Ends the process at once (SIGKILL), e.g. for a trainer that ignored a cancel. */
  kill(): void;
}

export interface LaunchOptions {
  /** The built entry to run, e.g. out/main/trainer.js. */
  script: string;
  /** Variables added to the lab's own environment, e.g. CUDA_VISIBLE_DEVICES. */
  env: Record<string, string>;
}

export interface ChildLauncher {
  launch(options: LaunchOptions): LaunchedChild;
}
