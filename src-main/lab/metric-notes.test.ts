import { describe, expect, it } from 'vitest';
import { TRAIN_RANKING_SAMPLE_ROWS } from '@shared/experiment/metric-names';
import { call, spirals, useSharedTestLab } from './testing/lab-fixture';

const lab = useSharedTestLab();

describe('the basis of sampled training metrics', () => {
  it('is recorded with the run: the training rows its ranking metrics were scored on', async () => {
    const samples = 300;
    const { id } = await call(lab(), 'experiments.create', { spec: spirals('basis', samples, 2) });
    const { runIds } = await call(lab(), 'experiments.launch', { id });
    await lab().scheduler.idle();
    const run = await call(lab(), 'runs.get', { id: runIds[0] as number });
    expect(run.status).toBe('succeeded');
    const basis = run.metricNotes.filter((note) => note.kind === 'basis');
    expect(basis.map(({ key, epoch }) => ({ key, epoch }))).toEqual([
      { key: 'train.auc', epoch: 1 },
      { key: 'train.averagePrecision', epoch: 1 },
    ]);
    // Fewer training rows than the sample takes: every one of them, and the count says how many.
    const rows = Number(/^all (\d+) training rows/.exec(basis[0]!.note)?.[1]);
    expect(rows).toBeGreaterThan(samples / 2);
    expect(rows).toBeLessThan(samples);
    expect(basis[0]!.note).toContain(
      `at most ${TRAIN_RANKING_SAMPLE_ROWS.toLocaleString('en-US')}`,
    );
    expect(basis[1]!.note).toBe(basis[0]!.note);
  }, 120_000);
});
