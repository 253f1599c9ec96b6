import { execFile } from 'node:child_process';
import { LabError } from '@shared/contract/envelope';
import {
  interpretSlurmState,
  parseScontrolRecord,
  parseSqueueLine,
  type SlurmStateMeaning,
  type SqueueRow,
} from '@shared/slurm/job-state';

/**
 * Slurm's own command-line tools, run as child processes: Basin never talks to slurmctld itself.
 * A tool that is missing or fails becomes a LabError whose message says which and why.
 */
export function runSlurmTool(
  tool: string,
  args: readonly string[],
  timeoutMs = 30_000,
): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      tool,
      args,
      { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error === null) {
          resolve(stdout);
          return;
        }
        const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
        const said = stderr.trim().split('\n').slice(-3).join(' ').trim() || error.message;
        reject(
          new LabError(
            'unavailable',
            missing
              ? `Slurm's ${tool} is not on PATH: install the Slurm client tools (Debian: slurm-client) on this machine.`
              : `Slurm's ${tool} failed: ${said}`,
          ),
        );
      },
    );
  });
}

/** Submits a batch script; returns the job id. */
export async function sbatch(args: readonly string[], script: string): Promise<string> {
  const out = await runSlurmTool('sbatch', ['--parsable', ...args, script]);
  const jobId = out.trim().split(';')[0] ?? '';
  if (!/^\d+$/.test(jobId)) throw new LabError('unavailable', `sbatch printed no job id: "${out}"`);
  return jobId;
}

/** The listed jobs (array tasks expanded) still in Slurm's queue; finished ones are absent. */
export async function squeue(jobIds: readonly string[]): Promise<SqueueRow[]> {
  if (jobIds.length === 0) return [];
  const out = await runSlurmTool('squeue', [
    '-h',
    '-r',
    '-t',
    'all',
    '-j',
    jobIds.join(','),
    '-o',
    '%i|%T|%r|%N',
  ]);
  return out
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map(parseSqueueLine);
}

export interface FinalJobState {
  meaning: SlurmStateMeaning;
  state: string;
  /** "exit:signal" as Slurm reports it, e.g. 0:15. */
  exitCode: string | null;
  node: string | null;
}

/**
 * How a job ended: `scontrol show job` while it is still within MinJobAge, else `sacct` where
 * accounting is on; null when neither knows it any more.
 */
export async function finalJobState(jobId: string): Promise<FinalJobState | null> {
  try {
    const line = (await runSlurmTool('scontrol', ['show', 'job', '-o', jobId])).trim();
    const record = parseScontrolRecord(line);
    const state = record.get('JobState');
    if (state !== undefined) {
      return {
        meaning: interpretSlurmState(state, record.get('Reason') ?? null),
        state,
        exitCode: record.get('ExitCode') ?? null,
        node: record.get('NodeList') ?? null,
      };
    }
  } catch {
    // Gone from slurmctld's memory: ask the accounting database, if there is one.
  }
  try {
    const out = await runSlurmTool('sacct', [
      '-n',
      '-P',
      '-X',
      '-j',
      jobId,
      '-o',
      'State,ExitCode,NodeList',
    ]);
    const [state, exitCode, node] = (out.trim().split('\n')[0] ?? '').split('|');
    if (state === undefined || state === '') return null;
    return {
      meaning: interpretSlurmState(state, null),
      state,
      exitCode: exitCode ?? null,
      node: node ?? null,
    };
  } catch {
    return null;
  }
}

export async function scancel(jobId: string): Promise<void> {
  await runSlurmTool('scancel', [jobId]);
}
