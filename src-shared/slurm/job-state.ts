/**
 * What a Slurm job state means for a Basin run. Slurm's states come from `squeue -o %T`,
 * `scontrol show job` (JobState=) or `sacct` (State, which may carry a suffix such as
 * "CANCELLED by 0"); the reason from `squeue -o %r` (Resources, Priority, JobArrayTaskLimit, ...).
 */
export type SlurmPhase =
  /** Waiting in Slurm's queue: the run shows as queued on the cluster. */
  | 'pending'
  | 'running'
  /** Ended well (COMPLETED): the trainer's own last message says how the run went. */
  | 'completed'
  /** Ended by the cluster, not by training: resume from the newest resume checkpoint. */
  | 'resumable'
  | 'cancelled'
  | 'failed';

export interface SlurmStateMeaning {
  phase: SlurmPhase;
  /** A sentence for a person, e.g. "queued on cluster: Resources". */
  text: string;
}

const RESUMABLE: Record<string, string> = {
  TIMEOUT: 'the job reached its time limit',
  NODE_FAIL: 'the node it ran on failed',
  PREEMPTED: 'the job was preempted',
  BOOT_FAIL: 'the node failed to boot',
  DEADLINE: 'the job reached its deadline',
};

const FAILED: Record<string, string> = {
  FAILED: 'the job failed',
  OUT_OF_MEMORY: 'the job ran out of memory (raise --mem)',
  SPECIAL_EXIT: 'the job ended with a special exit',
  REVOKED: 'the job was revoked',
};

/** The meaning of one Slurm state and reason; an unknown state is an error that names it. */
export function interpretSlurmState(rawState: string, reason: string | null): SlurmStateMeaning {
  const state = rawState.trim().split(/\s+/)[0]?.replace(/\+$/, '').toUpperCase() ?? '';
  const why = reason === null || reason === '' || reason === 'None' ? null : reason;
  switch (state) {
    case 'PENDING':
    case 'REQUEUED':
    case 'REQUEUE_HOLD':
    case 'REQUEUE_FED':
    case 'RESV_DEL_HOLD':
    case 'CONFIGURING':
      return { phase: 'pending', text: `queued on cluster${why === null ? '' : `: ${why}`}` };
    case 'RUNNING':
    case 'COMPLETING':
    case 'STAGE_OUT':
    case 'SIGNALING':
    case 'RESIZING':
      return { phase: 'running', text: 'running on cluster' };
    case 'SUSPENDED':
    case 'STOPPED':
      return { phase: 'running', text: `suspended on cluster${why === null ? '' : `: ${why}`}` };
    case 'COMPLETED':
      return { phase: 'completed', text: 'the job completed' };
    case 'CANCELLED':
      return { phase: 'cancelled', text: 'the job was cancelled on the cluster (scancel)' };
  }
  const resumable = RESUMABLE[state];
  if (resumable !== undefined) return { phase: 'resumable', text: `${state}: ${resumable}` };
  const failed = FAILED[state];
  if (failed !== undefined) {
    return { phase: 'failed', text: `${state}: ${failed}${why === null ? '' : ` (${why})`}` };
  }
  throw new Error(`Unknown Slurm job state "${rawState}"`);
}

/** One line of `squeue -h -o '%i|%T|%r|%N'`: an array task's id is `<job>_<task>`. */
export interface SqueueRow {
  jobId: string;
  state: string;
  reason: string;
  node: string | null;
}

export function parseSqueueLine(line: string): SqueueRow {
  const [jobId, state, reason, node] = line.split('|');
  if (jobId === undefined || state === undefined || reason === undefined || node === undefined) {
    throw new Error(`squeue printed a line Basin cannot read: "${line}"`);
  }
  return {
    jobId: jobId.trim(),
    state: state.trim(),
    reason: reason.trim(),
    node: node.trim() || null,
  };
}

/** `Key=Value` pairs of `scontrol show job -o` (one job per line). */
export function parseScontrolRecord(line: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const match of line.matchAll(/(\w+)=(\S*)/g)) {
    const [, key, value] = match;
    if (key !== undefined && !fields.has(key)) fields.set(key, value ?? '');
  }
  return fields;
}

/** A job a restarted lab takes back: its trainer reconnects with `token`. */
export interface SlurmJobToTakeBack {
  runId: number;
  jobId: string;
  token: string;
  attempt: number;
  /** The state the lab last saw. */
  state: string;
}

/** Whether a state a lab recorded is one of a job still queued or running in Slurm. */
export function isStillInSlurm(state: string): boolean {
  try {
    const { phase } = interpretSlurmState(state, null);
    return phase === 'pending' || phase === 'running';
  } catch {
    return false;
  }
}
