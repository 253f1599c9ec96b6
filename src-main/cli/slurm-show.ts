import type { SlurmJobRecord } from '../store/slurm-jobs-repository';

/** `basin show`'s lines for a run trained on Slurm: each attempt's job, node, GPUs and state. */
export function slurmJobLines(jobs: readonly SlurmJobRecord[]): string[] {
  return jobs.map((job, index) => {
    const where = job.node === null ? '' : ` on ${job.node}`;
    const gpus = job.gpus === null || job.gpus === '' ? '' : ` (GPUs ${job.gpus})`;
    const label = index === 0 ? '  cluster   ' : '            ';
    return `${label}slurm job ${job.jobId}${where}${gpus}: ${job.state}, ${job.detail}${jobs.length > 1 ? ` [attempt ${job.attempt}]` : ''}`;
  });
}
