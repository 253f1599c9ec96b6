import { z } from 'zod';

/**
 * Where the lab's queue drains: to this machine's slots, to Slurm, or to both (a run goes to
 * whichever has room first). `basin serve` and the desktop app follow the saved choice;
 * `basin run --slurm` drains to Slurm for that command whatever is saved.
 */
export const queueDrainSchema = z.enum(['local', 'slurm', 'both']);
export type QueueDrain = z.infer<typeof queueDrainSchema>;

/**
 * How the lab submits runs to Slurm: `basin run --slurm …` and the Devices view write these, and
 * the lab keeps them per data folder (slurm.json), so the next launch submits the same way.
 */
export const slurmSettingsSchema = z.strictObject({
  partition: z.string().min(1).nullable(),
  account: z.string().min(1).nullable(),
  /** Slurm's --time, e.g. "2:00:00" or "30" (minutes). */
  time: z.string().regex(/^[\d:-]+$/, 'a Slurm time such as 2:00:00'),
  gpusPerRun: z.number().int().nonnegative(),
  cpusPerRun: z.number().int().positive(),
  /** Slurm's --mem, e.g. "16G"; null leaves the cluster's default. */
  mem: z
    .string()
    .regex(/^\d+[KMGT]?$/, 'a Slurm memory size such as 16G')
    .nullable(),
  /** Runs of one submission running in Slurm at once (the job array's %K). */
  maxJobs: z.number().int().positive(),
  /** Passed to sbatch as they are, after Basin's own options. */
  sbatchArgs: z.array(z.string()),
  /** A folder every node sees at the same path: run folders, job scripts and job output. */
  sharedDir: z.string().min(1).nullable(),
  /** How often a run is resubmitted after TIMEOUT, NODE_FAIL or PREEMPTED before it fails. */
  maxResumes: z.number().int().nonnegative(),
  drainTo: queueDrainSchema,
});
export type SlurmSettings = z.infer<typeof slurmSettingsSchema>;

export const defaultSlurmSettings: SlurmSettings = {
  partition: null,
  account: null,
  time: '2:00:00',
  gpusPerRun: 0,
  cpusPerRun: 1,
  mem: null,
  maxJobs: 4,
  sbatchArgs: [],
  sharedDir: null,
  maxResumes: 3,
  drainTo: 'local',
};

/** sbatch's options for these settings (the array, output files and script come from the caller). */
export function sbatchOptions(settings: SlurmSettings): string[] {
  return [
    ...(settings.partition === null ? [] : [`--partition=${settings.partition}`]),
    ...(settings.account === null ? [] : [`--account=${settings.account}`]),
    `--time=${settings.time}`,
    `--cpus-per-task=${settings.cpusPerRun}`,
    ...(settings.mem === null ? [] : [`--mem=${settings.mem}`]),
    ...(settings.gpusPerRun === 0 ? [] : [`--gres=gpu:${settings.gpusPerRun}`]),
    ...settings.sbatchArgs,
  ];
}

function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

export interface BatchScriptInput {
  /** One token per array task, in task order (a single job has one). */
  tokens: readonly string[];
  labAddress: string;
  /** The Node binary and the built trainer entry of this installation (same paths on the nodes). */
  node: string;
  trainerScript: string;
  /** Trainer processes a task may start when one is ended by a signal on the node. */
  maxTrainerStarts: number;
}

/**
 * The job script of one submission. A trainer ended by a signal (kill -9 on the node, the kernel's
 * OOM killer) is started again in the same job and resumes from the newest resume checkpoint the
 * lab holds; when Slurm itself ends the job (time limit, scancel) the script ends with it.
 */
export function batchScript(input: BatchScriptInput): string {
  return `#!/bin/bash
# Written by Basin: trains one run per task, reporting to the lab at ${input.labAddress}.
tokens=(${input.tokens.map(shellQuote).join(' ')})
export BASIN_LAB_TOKEN="\${tokens[\${SLURM_ARRAY_TASK_ID:-0}]}"
export BASIN_LAB_ADDRESS=${shellQuote(input.labAddress)}
export ELECTRON_RUN_AS_NODE=1
echo "basin: job \${SLURM_ARRAY_JOB_ID}_\${SLURM_ARRAY_TASK_ID} on $(hostname), CUDA_VISIBLE_DEVICES=\${CUDA_VISIBLE_DEVICES-none}" >&2
start=1
while :; do
  ${shellQuote(input.node)} ${shellQuote(input.trainerScript)}
  code=$?
  if [ "$code" -le 128 ] || [ "$start" -ge ${input.maxTrainerStarts} ]; then exit "$code"; fi
  start=$((start + 1))
  echo "basin: the trainer was ended by signal $((code - 128)); starting it again ($start of ${input.maxTrainerStarts})" >&2
done
`;
}
