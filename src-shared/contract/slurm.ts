import { z } from 'zod';
import { slurmSettingsSchema } from '../slurm/settings';

/** The Slurm cluster as `sinfo` shows it, for the Devices view. */
export const slurmClusterSchema = z.object({
  /** False where no Slurm answers (`sinfo` missing or failing); `reason` says why. */
  available: z.boolean(),
  reason: z.string().nullable(),
  version: z.string().nullable(),
  partitions: z.array(
    z.object({
      name: z.string(),
      isDefault: z.boolean(),
      nodes: z.number().int(),
      nodeStates: z.record(z.string(), z.number().int()),
      gpusAllocated: z.number().int(),
      gpusIdle: z.number().int(),
      cpusAllocated: z.number().int(),
      cpusIdle: z.number().int(),
    }),
  ),
});
export type SlurmCluster = z.infer<typeof slurmClusterSchema>;

export const slurmJobSchema = z.object({
  attempt: z.number().int().positive(),
  /** "12_3": task 3 of array job 12. */
  jobId: z.string(),
  node: z.string().nullable(),
  gpus: z.string().nullable(),
  /** Slurm's state word as the lab last saw it, and a sentence (`queued on cluster: Resources`). */
  state: z.string(),
  detail: z.string(),
  submittedAt: z.string(),
});

/** A run's Slurm jobs, newest attempt last, and the tail of the newest job's stdout and stderr. */
export const slurmRunJobsSchema = z.object({
  jobs: z.array(slurmJobSchema),
  stdoutTail: z.string().nullable(),
  stderrTail: z.string().nullable(),
});
export type SlurmRunJobs = z.infer<typeof slurmRunJobsSchema>;

/** The newest Slurm job of each run of an experiment that went to Slurm, for the Runs view. */
export const slurmExperimentJobsSchema = z.object({
  jobs: z.array(slurmJobSchema.extend({ runId: z.number().int() })),
});

/** The changes to the data folder's Slurm settings; a field left out keeps its saved value. */
export const slurmSettingsUpdateSchema = slurmSettingsSchema.partial();

/** The data folder's saved Slurm settings beside the ones the running lab uses. */
export const slurmSettingsViewSchema = z.object({
  saved: slurmSettingsSchema,
  /** What this lab started with; null where its queue drains to local slots only. */
  inEffect: slurmSettingsSchema.nullable(),
  /** The saved settings differ from the running lab's: they apply from its next start. */
  restartNeeded: z.boolean(),
});
export type SlurmSettingsView = z.infer<typeof slurmSettingsViewSchema>;
