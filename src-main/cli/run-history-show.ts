import type { MetricNote, RunAttempt } from '@shared/contract/runs';
import { alignColumns } from './comparison-table';

const indent = (line: string) => `  ${line}`;

function outcome(attempt: RunAttempt): string {
  if (attempt.endedAt === null) return attempt.startedAt === null ? 'waiting' : 'under way';
  return attempt.status ?? 'ended (how was not recorded)';
}

function where(attempt: RunAttempt): string {
  const place = attempt.device === null ? '—' : attempt.device;
  const backend = attempt.backend === null ? '' : ` (${attempt.backend})`;
  const job = attempt.slurmJobId === null ? '' : `, slurm job ${attempt.slurmJobId}`;
  return `${place}${backend}${job}`;
}

/**
 * `basin show`'s attempts: one row each (started, ended, how, the epoch reached, where), with the
 * reason that ended it on the line below. Nothing for a run that never started.
 */
export function attemptLines(attempts: readonly RunAttempt[]): string[] {
  if (attempts.length === 0) return [];
  const rows = alignColumns([
    ['#', 'started', 'ended', 'outcome', 'epoch', 'where'],
    ...attempts.map((attempt) => [
      String(attempt.attempt),
      attempt.startedAt ?? '—',
      attempt.endedAt ?? '—',
      outcome(attempt),
      attempt.epoch === null ? '—' : String(attempt.epoch),
      where(attempt),
    ]),
  ]);
  const lines = [rows[0]!];
  attempts.forEach((attempt, index) => {
    lines.push(rows[index + 1]!);
    if (attempt.reason !== null) lines.push(...attempt.reason.split('\n').map((l) => `   ${l}`));
  });
  return ['', 'Attempts:', ...lines.map(indent)];
}

/**
 * `basin show`'s notes on metrics: why each undefined one is (its latest reason, with the epoch
 * it is from or "test"), then what sampled ones were computed on. Nothing when there are none.
 */
export function metricNoteLines(notes: readonly MetricNote[]): string[] {
  const section = (kind: MetricNote['kind'], title: string) => {
    const rows = notes
      .filter((note) => note.kind === kind)
      .map((note) => [note.key, note.epoch === null ? 'test' : `epoch ${note.epoch}`, note.note]);
    return rows.length === 0 ? [] : ['', title, ...alignColumns(rows).map(indent)];
  };
  return [
    ...section('undefined', 'Undefined metrics (latest reason):'),
    ...section('basis', 'Computed on part of the split:'),
  ];
}
