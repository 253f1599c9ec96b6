import type { RunEpochEvent, RunStatusEvent } from '@shared/contract/runs';
import { formatDuration, formatProgressLine, type RunProgress } from './progress-line';

export interface ProgressOutput {
  /** A terminal gets one live line per active run, redrawn in place; a pipe gets a line per epoch. */
  isTTY: boolean;
  columns?: number;
  write(text: string): void;
}

export interface RunIdentity {
  restart: number;
  fold: number | null;
}

const REDRAW_MS = 100;

/** Keeps at most the keys worth watching, in this order, that the run reports. */
function shownMetrics(
  metrics: Record<string, number>,
  keys: readonly string[],
): [string, number][] {
  return keys.flatMap((key) =>
    metrics[key] === undefined ? [] : [[key, metrics[key]] as [string, number]],
  );
}

type RunState = Omit<RunProgress, 'runId' | 'restart' | 'restarts' | 'fold'>;

/**
 * The CLI's live view of one experiment's runs. Finished runs leave one permanent line each; the
 * active ones are shown below them, one line per run. `runs` may fill in after events start.
 */
export function createProgressView(
  out: ProgressOutput,
  experimentId: number,
  runs: ReadonlyMap<number, RunIdentity>,
  metricKeys: readonly string[],
) {
  const active = new Map<number, RunState>();
  const startedAt = new Map<number, number>();
  let drawn = 0;
  let timer: NodeJS.Timeout | undefined;

  const fit = (line: string) =>
    out.columns !== undefined && line.length > out.columns ? line.slice(0, out.columns - 1) : line;

  function clear(): void {
    if (drawn > 0) out.write(`\x1b[${drawn}A\x1b[J`);
    drawn = 0;
  }

  function withIdentity(runId: number, state: RunState): RunProgress {
    const restarts = Math.max(1, ...[...runs.values()].map((run) => run.restart + 1));
    const identity = runs.get(runId) ?? { restart: 0, fold: null };
    return { runId, restarts, ...identity, ...state };
  }

  function draw(): void {
    timer = undefined;
    clear();
    const lines = [...active].map(([runId, state]) =>
      fit(formatProgressLine(withIdentity(runId, state))),
    );
    if (lines.length > 0) out.write(`${lines.join('\n')}\n`);
    drawn = lines.length;
  }

  function scheduleDraw(): void {
    if (!out.isTTY || timer !== undefined) return;
    timer = setTimeout(draw, REDRAW_MS);
  }

  function permanent(line: string): void {
    if (out.isTTY) clear();
    out.write(`${line}\n`);
    if (out.isTTY) scheduleDraw();
  }

  function stateOf(runId: number): RunState {
    let state = active.get(runId);
    if (state === undefined) {
      state = { device: null, backend: null, epoch: 0, epochs: 1, metrics: [], etaMs: null };
      active.set(runId, state);
    }
    return state;
  }

  return {
    status(event: RunStatusEvent): void {
      if (event.experimentId !== experimentId || event.status === 'queued') return;
      if (event.status === 'running') {
        startedAt.set(event.runId, Date.now());
        Object.assign(stateOf(event.runId), { device: event.device, backend: event.backend });
        if (!out.isTTY)
          permanent(`run ${event.runId} started on ${event.device} (${event.backend})`);
        scheduleDraw();
        return;
      }
      active.delete(event.runId);
      const took = startedAt.has(event.runId)
        ? ` after ${formatDuration(Date.now() - startedAt.get(event.runId)!)}`
        : '';
      const reason = event.error === null ? '' : `: ${event.error.split('\n')[0]}`;
      permanent(`run ${event.runId} ${event.status}${took}${reason}`);
    },

    epoch(event: RunEpochEvent): void {
      if (event.experimentId !== experimentId) return;
      const state = Object.assign(stateOf(event.runId), {
        epoch: event.epoch,
        epochs: event.epochs,
        metrics: shownMetrics(event.metrics, metricKeys),
        etaMs: event.etaMs,
      });
      if (out.isTTY) scheduleDraw();
      else out.write(`${formatProgressLine(withIdentity(event.runId, state))}\n`);
    },

    /** Removes the live lines, leaving the permanent ones. */
    close(): void {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      if (out.isTTY) clear();
    },
  };
}
