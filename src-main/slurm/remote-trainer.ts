import { randomBytes } from 'node:crypto';
import type { StartMessage } from '@shared/contract/trainer-protocol';
import type { SlurmStateMeaning } from '@shared/slurm/job-state';
import type { ChildExit, LaunchedChild } from '../child/launcher';
import type { LabListener, RemoteTrainerLink } from './lab-listener';

/** What a remote trainer reports to its launcher besides the messages it forwards to the run. */
export interface RemoteTrainerHooks {
  /** Cancels the Slurm job; rejects when Slurm cannot be asked (the failure is reported). */
  scancel(jobId: string): Promise<void>;
  /** What the store already holds of a run: its last epoch and its checkpoints ("kind:epoch"). */
  recorded(runId: number): { lastEpoch: number; checkpoints: string[] };
  /** The newest resume checkpoint in a run folder whose epoch the lab holds, or null. */
  resumePoint(folder: string, lastEpoch: number): Promise<{ path: string } | null>;
  /** Where the trainer connected from, for the run's Slurm record. */
  connected(runId: number, jobId: string, node: string, gpus: string | null): void;
}

/**
 * One run trained by a Slurm job, seen by the run's session as a child process: `send` reaches the
 * trainer over the lab link once it has connected, messages come back exactly once each (a resumed
 * trainer's repeats of epochs and checkpoints the lab already holds are dropped), and `onExit`
 * fires when the Slurm job has ended for good.
 */
export class RemoteTrainer implements LaunchedChild {
  readonly pid = undefined;
  token = randomBytes(24).toString('hex');
  start: StartMessage | null = null;
  jobId: string | null = null;
  /** Submissions so far: 1 for the first, +1 for each resume after TIMEOUT/NODE_FAIL/PREEMPTED. */
  attempts = 0;
  lastMeaning: SlurmStateMeaning | null = null;
  private link: RemoteTrainerLink | null = null;
  private readonly messageListeners: ((message: unknown) => void)[] = [];
  private readonly stderrListeners: ((text: string) => void)[] = [];
  private readonly exitListeners: ((exit: ChildExit) => void)[] = [];
  private lastEpoch = 0;
  private checkpointsSeen = new Set<string>();
  /** The trainer said done, cancelled or failed: the job's end is just the process exiting. */
  finalReported = false;
  private cancelPending = false;
  exited = false;
  node: string | null = null;
  /** The job whose trainer last connected: squeue saying it is still pending is out of date. */
  connectedJobId: string | null = null;

  constructor(
    private readonly listener: LabListener,
    private readonly hooks: RemoteTrainerHooks,
  ) {}

  /**
   * Starts listening for the run's trainer, knowing what the store holds so that a trainer which
   * sends the run again (after a lab restart) adds only what is new. `token` is a job's saved token
   * when a restarted lab takes the job back.
   */
  listen(token = this.token): void {
    if (this.link !== null) return;
    this.token = token;
    const recorded = this.hooks.recorded(this.runId);
    this.lastEpoch = recorded.lastEpoch;
    this.checkpointsSeen = new Set(recorded.checkpoints);
    this.link = this.listener.register(this.token, {
      onNewIncarnation: ({ node, gpus }) => {
        this.node = node;
        this.connectedJobId = this.jobId;
        if (this.jobId !== null) this.hooks.connected(this.runId, this.jobId, node, gpus);
        void this.sendStart();
      },
      onMessage: (message) => this.forward(message),
    });
  }

  /** The run went to Slurm as `jobId`; a cancel that came while it was being submitted applies now. */
  submittedAs(jobId: string): void {
    this.jobId = jobId;
    this.attempts += 1;
    this.lastMeaning = null;
    if (this.cancelPending) this.cancelOnCluster();
  }

  /**
   * Cancel in Basin is scancel: Slurm ends the job (and the trainer in it) as it would for any
   * user. Only where Slurm cannot be asked is the trainer told over the link to stop.
   */
  private cancelOnCluster(): void {
    if (this.jobId === null) return;
    this.hooks.scancel(this.jobId).catch(() => this.link?.send({ type: 'cancel' }));
  }

  get cancelRequested(): boolean {
    return this.cancelPending;
  }

  /** Whether a cancel came before the run was ever submitted. */
  get cancelledBeforeSubmission(): boolean {
    return this.cancelPending && this.jobId === null;
  }

  get runId(): number {
    return Number(this.start?.runId);
  }

  private async sendStart(): Promise<void> {
    if (this.start === null) return;
    // A new trainer process after one was lost resumes from the newest resume checkpoint whose
    // epoch the lab already holds, never from where the run began.
    const resume =
      this.lastEpoch === 0
        ? null
        : await this.hooks.resumePoint(this.start.checkpointDir, this.lastEpoch);
    this.link?.send({ ...this.start, resumeFrom: resume?.path ?? this.start.resumeFrom });
    if (this.cancelPending) this.link?.send({ type: 'cancel' });
  }

  private forward(raw: unknown): void {
    const message = raw as { type?: string; epoch?: number; kind?: string };
    if (message.type === 'epoch' && typeof message.epoch === 'number') {
      if (message.epoch <= this.lastEpoch) return;
      this.lastEpoch = message.epoch;
    }
    if (message.type === 'checkpoint') {
      const key = `${String(message.kind)}:${String(message.epoch)}`;
      if (this.checkpointsSeen.has(key)) return;
      this.checkpointsSeen.add(key);
    }
    if (message.type === 'done' || message.type === 'cancelled' || message.type === 'failed') {
      this.finalReported = true;
    }
    for (const listener of this.messageListeners) listener(raw);
  }

  send(message: unknown): void {
    const typed = message as { type?: string };
    if (typed.type === 'start') {
      this.start = message as StartMessage;
      return;
    }
    if (typed.type === 'cancel') {
      // Not yet submitted: the launcher never submits it (or cancels it once sbatch answers).
      this.cancelPending = true;
      this.cancelOnCluster();
    }
  }

  onMessage(listener: (message: unknown) => void): void {
    this.messageListeners.push(listener);
  }

  onStderr(listener: (text: string) => void): void {
    this.stderrListeners.push(listener);
  }

  onExit(listener: (exit: ChildExit) => void): void {
    this.exitListeners.push(listener);
  }

  kill(): void {
    if (this.jobId === null) this.exit({ code: null, signal: 'SIGKILL', cause: 'Never submitted' });
    else this.hooks.scancel(this.jobId).catch(() => undefined);
  }

  stderr(text: string): void {
    for (const listener of this.stderrListeners) listener(text);
  }

  exit(exit: ChildExit): void {
    if (this.exited) return;
    this.exited = true;
    this.link?.unregister();
    for (const listener of this.exitListeners) listener(exit);
  }
}
