import { initial } from './0001_initial';
import { ensembleMemberCurve } from './0002_ensemble_member_curve';
import { runDiagnostics } from './0003_run_diagnostics';
import { landscapes } from './0004_landscapes';
import { slurmJobs } from './0005_slurm_jobs';
import { runAttempts } from './0006_run_attempts';
import { metricNotes } from './0007_metric_notes';
import type { Migration } from './migration';

/** Every migration in order; version n sits at index n − 1. */
export const migrations: readonly Migration[] = [
  initial,
  ensembleMemberCurve,
  runDiagnostics,
  landscapes,
  slurmJobs,
  runAttempts,
  metricNotes,
];
