import { isStillInSlurm, type SlurmJobToTakeBack } from '@shared/slurm/job-state';
import type { SlurmJobRecorder } from './slurm-launcher';
import { scancel } from './slurm-tools';

/**
 * A lab that opens without a Slurm pool cannot take back the jobs a previous lab left in Slurm:
 * their trainers would train for no one until their time limit. They are cancelled (the runs are
 * interrupted or stay queued, resumable here), each job's record saying why.
 */
export function cancelJobsLeftBehind(
  jobs: readonly SlurmJobToTakeBack[],
  recorder: SlurmJobRecorder,
  reportError: (message: string) => void,
): void {
  for (const job of jobs.filter((left) => isStillInSlurm(left.state))) {
    void cancelLeftJob(job, recorder, reportError);
  }
}

async function cancelLeftJob(
  job: SlurmJobToTakeBack,
  recorder: SlurmJobRecorder,
  reportError: (message: string) => void,
): Promise<void> {
  try {
    await scancel(job.jobId);
  } catch (error) {
    reportError(
      `Slurm job ${job.jobId} (run ${job.runId}) was left by a previous lab and could not be cancelled: ${String(error)}`,
    );
    return;
  }
  try {
    recorder.seen(job.runId, job.jobId, {
      state: 'CANCELLED',
      detail: 'cancelled: the lab restarted without Slurm',
    });
  } catch {
    // The lab closed before scancel answered; the job is cancelled all the same.
  }
}
