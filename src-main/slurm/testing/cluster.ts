import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DATABASE_FILE } from '../../store/open-store';
import { repoRoot } from '../../testing/built-app';

/** Where scripts/slurm-local.sh keeps the one-node cluster's pid files. */
export const clusterState = process.env.BASIN_SLURM_STATE ?? '/var/tmp/basin-slurm';

/**
 * Whether a Slurm cluster answers here. The tests skip, saying so, where none does; CI starts one
 * (scripts/slurm-local.sh from .ci/run) and sets BASIN_REQUIRE_SLURM=1 so that they never skip there.
 */
export function clusterAnswers(): boolean {
  const answer = spawnSync('sinfo', ['-h', '-o', '%T'], { encoding: 'utf8', timeout: 10_000 });
  const up = answer.status === 0 && /idle|mix|alloc/.test(answer.stdout);
  if (!up && process.env.BASIN_REQUIRE_SLURM === '1') {
    throw new Error(
      `BASIN_REQUIRE_SLURM=1 but no Slurm cluster answers sinfo: ${answer.stderr || answer.error?.message || answer.stdout}`,
    );
  }
  return up;
}

export function slurmctldPid(): number {
  return Number(readFileSync(join(clusterState, 'run', 'slurmctld.pid'), 'utf8').trim());
}

export function startCluster(): void {
  execFileSync(join(repoRoot, 'scripts', 'slurm-local.sh'), ['start'], { stdio: 'ignore' });
}

/** The run's Slurm jobs as the lab recorded them, read straight from the database. */
export function slurmJobRows(
  dataDir: string,
  runId: number,
): { attempt: number; job_id: string; node: string | null; gpus: string | null; state: string }[] {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    return db
      .prepare(
        'SELECT attempt, job_id, node, gpus, state FROM slurm_jobs WHERE run_id = ? ORDER BY attempt',
      )
      .all(runId) as never;
  } finally {
    db.close();
  }
}

/** The pids of a job's processes on this node (the trainer among them). */
export function jobPids(jobId: string): number[] {
  const rawId = execFileSync('squeue', ['-h', '-j', jobId, '-o', '%A'], {
    encoding: 'utf8',
  }).trim();
  const out = execFileSync('scontrol', ['listpids', rawId], { encoding: 'utf8' });
  return out
    .split('\n')
    .slice(1)
    .map((line) => Number(line.trim().split(/\s+/)[0]))
    .filter((pid) => Number.isInteger(pid) && pid > 0);
}
