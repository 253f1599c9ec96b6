import type { LabHandlers } from '@shared/contract/lab-api';
import { isoTime } from '../../store/columns';
import type { SlurmJobRecord } from '../../store/slurm-jobs-repository';
import { clusterSummary } from '../../slurm/cluster-view';
import { jobOutputTails } from '../../slurm/job-files';
import type { LabContext } from '../lab-context';

type SlurmHandlers = Pick<LabHandlers, 'slurm.cluster' | 'slurm.runJobs' | 'slurm.experimentJobs'>;

function jobView(job: SlurmJobRecord) {
  return {
    attempt: job.attempt,
    jobId: job.jobId,
    node: job.node,
    gpus: job.gpus,
    state: job.state,
    detail: job.detail,
    submittedAt: isoTime(job.submittedAt),
  };
}

export function slurmHandlers({ dataDir, store }: LabContext): SlurmHandlers {
  return {
    'slurm.cluster': () => clusterSummary(),

    'slurm.runJobs': async ({ id }) => {
      store.runs.get(id);
      const jobs = store.slurmJobs.listForRun(id);
      const newest = jobs.at(-1);
      const tails = newest === undefined ? null : await jobOutputTails(dataDir, newest.jobId);
      return {
        jobs: jobs.map(jobView),
        stdoutTail: tails?.stdoutTail ?? null,
        stderrTail: tails?.stderrTail ?? null,
      };
    },

    'slurm.experimentJobs': async ({ experimentId }) => ({
      jobs: store.slurmJobs
        .newestForExperiment(experimentId)
        .map((job) => ({ ...jobView(job), runId: job.runId })),
    }),
  };
}
