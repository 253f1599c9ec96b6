import type { SlurmSettings } from '@shared/slurm/settings';
import { UsageError } from './usage-error';

/** The `basin run` options of the Slurm pool; what is not given comes from the saved settings. */
export const SLURM_RUN_OPTIONS = {
  slurm: { type: 'boolean' },
  partition: { type: 'string' },
  account: { type: 'string' },
  time: { type: 'string' },
  'gpus-per-run': { type: 'string' },
  'cpus-per-run': { type: 'string' },
  mem: { type: 'string' },
  'max-jobs': { type: 'string' },
  'max-resumes': { type: 'string' },
  'sbatch-arg': { type: 'string', multiple: true },
  'shared-dir': { type: 'string' },
} as const;

export const SLURM_USAGE = `Slurm (the runs go to the cluster as one job array; settings are saved per data folder):
  --slurm                 Submit the runs to Slurm (add --cpu-slots N to also train here)
  --partition <p>  --account <a>  --time <2:00:00>  --mem <16G>
  --gpus-per-run <n>      GPUs each run asks for (default 0)
  --cpus-per-run <n>      CPUs each run asks for (default 1)
  --max-jobs <k>          Runs in the cluster at once (default 4)
  --max-resumes <n>       Resubmissions after TIMEOUT, NODE_FAIL, PREEMPTED (default 3)
  --sbatch-arg <arg>      Passed to sbatch as is (repeatable)
  --shared-dir <path>     A folder every node sees (default: <data-dir>/slurm)`;

type SlurmValues = {
  [K in keyof typeof SLURM_RUN_OPTIONS]?: (typeof SLURM_RUN_OPTIONS)[K] extends { multiple: true }
    ? string[]
    : (typeof SLURM_RUN_OPTIONS)[K] extends { type: 'boolean' }
      ? boolean
      : string;
};

function count(text: string, option: string, min: number): number {
  if (!/^\d+$/.test(text) || Number(text) < min) {
    throw new UsageError(`${option} must be a whole number ≥ ${min}, received "${text}".`);
  }
  return Number(text);
}

/** The settings the command line changes, or null without --slurm. */
export function slurmOverrides(values: SlurmValues): Partial<SlurmSettings> | null {
  const given = (Object.keys(SLURM_RUN_OPTIONS) as (keyof SlurmValues)[]).filter(
    (key) => key !== 'slurm' && values[key] !== undefined,
  );
  if (values.slurm !== true) {
    if (given.length > 0) throw new UsageError(`--${given[0]} needs --slurm.`);
    return null;
  }
  const overrides: Partial<SlurmSettings> = {};
  if (values.partition !== undefined) overrides.partition = values.partition;
  if (values.account !== undefined) overrides.account = values.account;
  if (values.time !== undefined) overrides.time = values.time;
  if (values.mem !== undefined) overrides.mem = values.mem;
  if (values['shared-dir'] !== undefined) overrides.sharedDir = values['shared-dir'];
  if (values['sbatch-arg'] !== undefined) overrides.sbatchArgs = values['sbatch-arg'];
  const numbers = [
    ['gpus-per-run', 'gpusPerRun', 0],
    ['cpus-per-run', 'cpusPerRun', 1],
    ['max-jobs', 'maxJobs', 1],
    ['max-resumes', 'maxResumes', 0],
  ] as const;
  for (const [option, field, min] of numbers) {
    const text = values[option];
    if (text !== undefined) overrides[field] = count(text, `--${option}`, min);
  }
  return overrides;
}
