/** What the CLI shows for one active run. */
export interface RunProgress {
  runId: number;
  restart: number;
  restarts: number;
  fold: number | null;
  device: string | null;
  backend: string | null;
  epoch: number;
  epochs: number;
  /** The metrics to show, in order (e.g. val.loss, val.accuracy). */
  metrics: ReadonlyArray<readonly [string, number]>;
  etaMs: number | null;
}

export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const mmss = `${String(m).padStart(h > 0 ? 2 : 1, '0')}:${String(s).padStart(2, '0')}`;
  return h > 0 ? `${h}:${mmss}` : mmss;
}

export function formatMetric(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const magnitude = Math.abs(value);
  return magnitude !== 0 && (magnitude < 1e-3 || magnitude >= 1e5)
    ? value.toExponential(3)
    : value.toFixed(4);
}

function bar(done: number, total: number, width: number): string {
  const filled = Math.round((Math.min(done, total) / total) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
}

/** One line per run: `run 7  restart 2/4  cpu:0 wasm  [####....]  12/40  val.loss 0.2345  eta 0:45`. */
export function formatProgressLine(progress: RunProgress, barWidth = 20): string {
  const who = [`run ${progress.runId}`, `restart ${progress.restart + 1}/${progress.restarts}`];
  if (progress.fold !== null) who.push(`fold ${progress.fold + 1}`);
  const where = [progress.device ?? 'starting', progress.backend ?? ''].filter((s) => s !== '');
  const parts = [
    who.join(' '),
    where.join(' '),
    bar(progress.epoch, progress.epochs, barWidth),
    `epoch ${progress.epoch}/${progress.epochs}`,
    ...progress.metrics.map(([key, value]) => `${key} ${formatMetric(value)}`),
  ];
  if (progress.etaMs !== null) parts.push(`eta ${formatDuration(progress.etaMs)}`);
  return parts.join('  ');
}
