import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RunEpochEvent, RunStatusEvent } from '@shared/contract/runs';
import { createProgressView } from './progress-view';

const status = (
  runId: number,
  s: RunStatusEvent['status'],
  error: string | null = null,
): RunStatusEvent => ({
  runId,
  experimentId: 1,
  status: s,
  device: 'cpu:0',
  backend: 'wasm',
  error,
  at: '2026-01-01T00:00:00Z',
});

const epoch = (runId: number, n: number, experimentId = 1): RunEpochEvent => ({
  runId,
  experimentId,
  epoch: n,
  epochs: 2,
  metrics: { 'val.loss': 0.5, 'train.acc': 1 },
  learningRate: 0.1,
  elapsedMs: 1000,
  etaMs: 1000,
});

describe('createProgressView', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('writes one line per epoch and status to a pipe, for this experiment only', () => {
    const written: string[] = [];
    const view = createProgressView(
      { isTTY: false, write: (t) => written.push(t) },
      1,
      new Map([[4, { restart: 0, fold: null }]]),
      ['val.loss'],
    );
    view.status(status(4, 'queued'));
    view.status(status(4, 'running'));
    view.epoch(epoch(4, 1));
    view.epoch(epoch(9, 1, 2));
    view.status(status(4, 'failed', 'The trainer process was killed by SIGKILL\nmore'));
    expect(written.join('')).toBe(
      [
        'run 4 started on cpu:0 (wasm)',
        'run 4 restart 1/1  cpu:0 wasm  [##########..........]  epoch 1/2  val.loss 0.5000  eta 0:01',
        'run 4 failed after 0:00: The trainer process was killed by SIGKILL',
        '',
      ].join('\n'),
    );
  });

  it('redraws the live lines of a terminal in place', async () => {
    const written: string[] = [];
    const view = createProgressView({ isTTY: true, write: (t) => written.push(t) }, 1, new Map(), [
      'val.loss',
    ]);
    view.status(status(4, 'running'));
    view.epoch(epoch(4, 1));
    await vi.advanceTimersByTimeAsync(150);
    view.epoch(epoch(4, 2));
    await vi.advanceTimersByTimeAsync(150);
    expect(written).toEqual([
      'run 4 restart 1/1  cpu:0 wasm  [##########..........]  epoch 1/2  val.loss 0.5000  eta 0:01\n',
      '\x1b[1A\x1b[J',
      'run 4 restart 1/1  cpu:0 wasm  [####################]  epoch 2/2  val.loss 0.5000  eta 0:01\n',
    ]);
    view.close();
    expect(written.at(-1)).toBe('\x1b[1A\x1b[J');
  });
});
