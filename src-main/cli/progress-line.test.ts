import { describe, expect, it } from 'vitest';
import { formatDuration, formatMetric, formatProgressLine } from './progress-line';

describe('formatProgressLine', () => {
  it('shows who, where, how far, the watched metrics and the time left', () => {
    expect(
      formatProgressLine({
        runId: 7,
        restart: 1,
        restarts: 4,
        fold: null,
        device: 'cpu:0',
        backend: 'wasm',
        epoch: 5,
        epochs: 20,
        metrics: [['val.loss', 0.23456]],
        etaMs: 45_000,
      }),
    ).toBe(
      'run 7 restart 2/4  cpu:0 wasm  [#####...............]  epoch 5/20  val.loss 0.2346  eta 0:45',
    );
  });

  it('names the fold and a run still starting', () => {
    expect(
      formatProgressLine(
        {
          runId: 1,
          restart: 0,
          restarts: 1,
          fold: 2,
          device: null,
          backend: null,
          epoch: 0,
          epochs: 3,
          metrics: [],
          etaMs: null,
        },
        6,
      ),
    ).toBe('run 1 restart 1/1 fold 3  starting  [......]  epoch 0/3');
  });
});

describe('formatDuration and formatMetric', () => {
  it('reads as m:ss or h:mm:ss', () => {
    expect(formatDuration(5_400)).toBe('0:05');
    expect(formatDuration(3_723_000)).toBe('1:02:03');
  });

  it('switches to exponents for very small or large values', () => {
    expect(formatMetric(0.5)).toBe('0.5000');
    expect(formatMetric(0.00012)).toBe('1.200e-4');
    expect(formatMetric(0)).toBe('0.0000');
    expect(formatMetric(Number.NaN)).toBe('NaN');
  });
});
