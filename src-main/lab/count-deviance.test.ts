import { describe, expect, it } from 'vitest';
import {
  call,
  countsWithMse as countsWithMseSpec,
  fullCurves,
  useSharedTestLab,
} from './testing/lab-fixture';

const lab = useSharedTestLab();

const countsWithMse = countsWithMseSpec();

describe('Poisson deviance of a count task trained with mse', () => {
  it('is warned about in the editor, and the run trains without it where predictions are ≤ 0, its reason recorded', async () => {
    const { valid, warnings } = await call(lab(), 'experiments.validate', { spec: countsWithMse });
    expect(valid).toBe(true);
    expect(warnings.map((w) => [w.path, w.message.includes('Poisson deviance')])).toEqual([
      ['optimization.loss', true],
    ]);

    const experimentId = (await call(lab(), 'experiments.create', { spec: countsWithMse })).id;
    const { runIds } = await call(lab(), 'experiments.launch', { id: experimentId });
    await lab().scheduler.idle();
    await lab().experimentSettled(experimentId);
    const run = await call(lab(), 'runs.get', { id: runIds[0] as number });
    expect({ status: run.status, error: run.error }).toEqual({ status: 'succeeded', error: null });
    const curves = await fullCurves(lab(), run.id, ['val.mse', 'val.poissonDeviance']);
    expect(curves['val.mse']?.x).toEqual([1, 2, 3, 4]);
    // Early on, mse pulls the linear output below 0 for rows with small counts, so no epoch has a
    // deviance; the trainer's epoch messages carry the reason (trainer-count-metrics.test.ts).
    expect(curves['val.poissonDeviance']?.x ?? []).toEqual([]);
    // The lab keeps the latest reason per key (from epoch 4, the last); the test split's only if
    // the selected model's test deviance is undefined too.
    const reason =
      /^Poisson deviance needs predicted rates > 0, but \d+ of \d+ predictions are ≤ 0/;
    const deviance = run.metricNotes.filter((note) => note.key.endsWith('.poissonDeviance'));
    const testUndefined = run.testMetrics?.['test.poissonDeviance'] === undefined;
    expect(deviance.map(({ key, kind, epoch }) => ({ key, kind, epoch }))).toEqual([
      ...(testUndefined ? [{ key: 'test.poissonDeviance', kind: 'undefined', epoch: null }] : []),
      { key: 'train.poissonDeviance', kind: 'undefined', epoch: 4 },
      { key: 'val.poissonDeviance', kind: 'undefined', epoch: 4 },
    ]);
    for (const note of deviance) expect(note.note).toMatch(reason);
    // A regression run has no sampled training metric, so no basis note.
    expect(run.metricNotes.filter((note) => note.kind === 'basis')).toEqual([]);
  }, 120_000);
});
