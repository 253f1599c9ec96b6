import { isAbsolute } from 'node:path';
import type { LabHandlers } from '@shared/contract/lab-api';
import { LabError } from '@shared/contract/envelope';
import type { SlurmSettings } from '@shared/slurm/settings';
import { isoTime } from '../../store/columns';
import type { SlurmJobRecord } from '../../store/slurm-jobs-repository';
import { clusterSummary } from '../../slurm/cluster-view';
import { jobOutputTails } from '../../slurm/job-files';
import { readSlurmSettings, updateSlurmSettings } from '../../slurm/settings-file';
import type { LabContext } from '../lab-context';

type SlurmHandlers = Pick<
  LabHandlers,
  | 'slurm.cluster'
  | 'slurm.runJobs'
  | 'slurm.experimentJobs'
  | 'slurm.settings'
  | 'slurm.updateSettings'
>;

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

export function slurmHandlers({ dataDir, store, slurmInEffect }: LabContext): SlurmHandlers {
  const view = (saved: SlurmSettings) => ({
    saved,
    inEffect: slurmInEffect,
    restartNeeded:
      JSON.stringify(saved.drainTo === 'local' ? null : saved) !== JSON.stringify(slurmInEffect),
  });

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

    'slurm.settings': async () => view(readSlurmSettings(dataDir)),

    'slurm.updateSettings': async (changes) => {
      // Relative to what? The lab's working directory means nothing to someone in the UI.
      if (typeof changes.sharedDir === 'string' && !isAbsolute(changes.sharedDir)) {
        throw new LabError(
          'invalid_argument',
          `sharedDir must be an absolute path every node sees, received "${changes.sharedDir}".`,
        );
      }
      return view(updateSlurmSettings(dataDir, changes, 'the update'));
    },
  };
}
