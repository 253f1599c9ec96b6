import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { LabError } from '@shared/contract/envelope';
import type { RunSummary } from '@shared/contract/runs';
import { crossEntropyNotes } from '@shared/experiment/metric-names';
import { exportModel } from '../export/export-model';
import { defaultDataDir } from '../paths';
import { ellipsize } from '@shared/text/display-width';
import { runningLabPid } from '../lab/data-dir-lock';
import { checkDatabaseHealth } from '../store/database-health';
import { DATABASE_FILE, openStoreReadOnly, type StoreReader } from '../store/open-store';
import { alignColumns } from './comparison-table';
import type { ExportCommand, LsCommand, ShowCommand } from './lab-args';
import { formatDuration, formatMetric } from './progress-line';
import { engineLines } from '@shared/devices/engine-text';
import { readRunEngine } from '../lab/run-engine-file';
import { slurmJobLines } from './slurm-show';
import { attemptLines, metricNoteLines } from './run-history-show';

/** How wide a name may be in a table before it is cut with …. */
const NAME_COLUMNS = 48;
const ERROR_COLUMNS = 60;

/**
 * ls, show and export only read the record (export also reads checkpoint files), so they open the
 * store read-only, without the lab's lock or scheduler: they never migrate or change the database
 * and work while a lab is running.
 */
async function withStore<T>(
  dataDirOption: string | null,
  use: (store: StoreReader, dataDir: string) => T | Promise<T>,
): Promise<T> {
  const dataDir = resolve(dataDirOption ?? defaultDataDir());
  if (!existsSync(join(dataDir, DATABASE_FILE))) {
    throw new LabError(
      'not_found',
      `There is no Basin data in ${dataDir} (use --data-dir to point at it).`,
    );
  }
  const store = openStoreReadOnly(dataDir);
  try {
    return await use(store, dataDir);
  } finally {
    store.close();
  }
}

/**
 * A run the record calls running while no lab holds the folder was cut off (kill -9, a crash); the
 * next lab to open will mark it interrupted, and until then it is shown as such.
 */
function shownStatus(status: RunSummary['status'], labRunning: boolean): string {
  return status === 'running' && !labRunning ? 'interrupted (no lab running)' : status;
}

function counts(runCounts: Record<string, number | undefined>): string {
  const parts = Object.entries(runCounts).flatMap(([status, n]) => (n ? [`${n} ${status}`] : []));
  return parts.length === 0 ? 'no runs' : parts.join(', ');
}

const NO_EXPERIMENTS = 'No experiments yet.';

function monitorOf(run: RunSummary, store: StoreReader): string {
  return store.runs.get(run.id).config.strategy.selection.monitor;
}

function bestOf(run: RunSummary, key: string): string {
  const best = run.metrics[key]?.best;
  return best === undefined || best === null ? '' : formatMetric(best);
}

export function lsCommand(command: LsCommand): Promise<string> {
  const dataDir = resolve(command.dataDir ?? defaultDataDir());
  const file = join(dataDir, DATABASE_FILE);
  if (command.experimentId === null && !existsSync(file)) {
    // A folder no lab has used yet, unless run folders say its database was lost.
    checkDatabaseHealth(dataDir, file);
    return Promise.resolve(NO_EXPERIMENTS);
  }
  return withStore(command.dataDir, (store) => {
    const labRunning = runningLabPid(dataDir) !== null;
    if (command.experimentId === null) {
      const experiments = store.experiments.list();
      if (experiments.length === 0) return NO_EXPERIMENTS;
      const rows = experiments.map((e) => [
        String(e.id),
        ellipsize(e.name, NAME_COLUMNS),
        `v${e.specVersion}`,
        counts(e.runCounts),
        e.updatedAt,
      ]);
      return alignColumns([['id', 'name', 'spec', 'runs', 'updated'], ...rows]).join('\n');
    }
    const experiment = store.experiments.get(command.experimentId);
    const { runs } = store.queries.runTable({
      experimentId: experiment.id,
      limit: 5000,
      offset: 0,
    });
    const monitor = runs[0] === undefined ? 'val.loss' : monitorOf(runs[0], store);
    const rows = runs.map((run) => [
      String(run.id),
      String(run.restart + 1),
      run.fold === null ? '' : String(run.fold + 1),
      shownStatus(run.status, labRunning),
      run.device ?? '',
      run.backend ?? '',
      `${run.epoch ?? 0}/${run.epochs}`,
      run.durationMs === null ? '' : formatDuration(run.durationMs),
      bestOf(run, monitor),
      ellipsize((run.error ?? '').split('\n')[0] ?? '', ERROR_COLUMNS),
    ]);
    const header = [
      'run',
      'restart',
      'fold',
      'status',
      'device',
      'backend',
      'epoch',
      'time',
      `best ${monitor}`,
      'error',
    ];
    return [
      `Experiment ${experiment.id}: ${ellipsize(experiment.name, NAME_COLUMNS * 2)}`,
      ...alignColumns([header, ...rows]),
    ].join('\n');
  });
}

export function showCommand(command: ShowCommand): Promise<string> {
  return withStore(command.dataDir, async (store, dataDir) => {
    const record = store.runs.get(command.runId);
    const engine = await readRunEngine(dataDir, record.id);
    const run = store.queries
      .runTable({ experimentId: record.experimentId, limit: 5000, offset: 0 })
      .runs.find((row) => row.id === record.id);
    if (run === undefined) throw new Error(`Run ${record.id} is missing from the run table`);
    const lines = [
      `Run ${run.id} of experiment ${run.experimentId} (${run.experimentName}), spec v${run.specVersion}`,
      `  restart ${run.restart + 1}${run.fold === null ? '' : `, fold ${run.fold + 1}`}, seed ${run.seed}`,
      `  status    ${shownStatus(run.status, runningLabPid(dataDir) !== null)}`,
      `  device    ${run.device ?? '—'} (${run.backend ?? 'no backend yet'})`,
      ...(engine === null ? [] : engineLines(engine)),
      `  queued    ${run.queuedAt}`,
      `  started   ${run.startedAt ?? '—'}`,
      `  finished  ${run.finishedAt ?? '—'}${run.durationMs === null ? '' : ` (${formatDuration(run.durationMs)})`}`,
      `  epochs    ${run.epoch ?? 0}/${run.epochs}`,
    ];
    lines.push(...slurmJobLines(store.slurmJobs.listForRun(run.id)));
    if (record.selectedCandidate !== null) lines.push(`  selected  ${record.selectedCandidate}`);
    if (run.error !== null) lines.push('', 'Error:', ...run.error.split('\n').map((l) => `  ${l}`));
    if (run.diagnosis !== null) lines.push('', 'Diagnosis:', `  ${run.diagnosis}`);
    const metricRows = Object.entries(run.metrics)
      .filter(([key]) => key.startsWith('train.') || key.startsWith('val.'))
      .map(([key, m]) => [
        key,
        m.best === null ? '' : formatMetric(m.best),
        m.bestEpoch === null ? '' : String(m.bestEpoch),
        m.last === null ? '' : formatMetric(m.last),
      ]);
    if (metricRows.length > 0) {
      lines.push(
        '',
        ...alignColumns([['metric', 'best', 'at epoch', 'last'], ...metricRows]).map(
          (l) => `  ${l}`,
        ),
      );
    }
    if (record.testMetrics !== null) {
      const notes = crossEntropyNotes(Object.keys(record.testMetrics));
      const testRows = Object.entries(record.testMetrics).map(([key, value]) => [
        key,
        formatMetric(value),
        notes[key] === undefined ? '' : `(${notes[key]})`,
      ]);
      lines.push('', 'Test (selected model):', ...alignColumns(testRows).map((l) => `  ${l}`));
    }
    lines.push(...metricNoteLines(store.metricNotes.listForRun(run.id)));
    lines.push(...attemptLines(store.runAttempts.listForRun(run.id)));
    const checkpoints = store.checkpoints.listForRun(run.id);
    if (checkpoints.length > 0) {
      lines.push(
        '',
        'Checkpoints:',
        ...alignColumns(checkpoints.map((c) => [c.kind, `epoch ${c.epoch}`, c.path])).map(
          (l) => `  ${l}`,
        ),
      );
    }
    return lines.join('\n');
  });
}

export async function exportCommand(command: ExportCommand): Promise<string> {
  const result = await withStore(command.dataDir, (store) =>
    exportModel(store, {
      source: command.source,
      kind: command.exportKind,
      dir: resolve(command.to),
    }),
  );
  const test =
    result.testMetrics === null
      ? 'not scored on the test split (not the selected model)'
      : Object.entries(result.testMetrics)
          .map(([key, value]) => `${key} ${formatMetric(value)}`)
          .join(', ');
  return [`Exported to ${result.dir}: ${result.files.join(', ')}`, `Test metrics: ${test}`].join(
    '\n',
  );
}
