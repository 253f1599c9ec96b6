import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { loadLayersFolder, readNamedWeights } from '../checkpoints/layers-model.tfjs';
import { irisSpec } from './testing/specs';
import { newCheckpointDir, RESOURCES_DIR, runTrainer } from './testing/trainer-harness';

describe('a forked trainer', () => {
  it('trains Iris well above chance and leaves checkpoints tf.loadLayersModel can read', async () => {
    const run = await runTrainer({ spec: irisSpec() });
    expect(run.exitCode).toBe(0);
    const ready = run.messages[0];
    expect(ready).toMatchObject({
      type: 'ready',
      version: 2,
      backend: 'wasm',
      tfjsVersion: '4.22.0',
    });
    expect(run.epochs).toHaveLength(25);
    const { done } = run;
    expect(done.testMetrics['test.accuracy']).toBeGreaterThan(0.85);
    expect(done.selected.kind).toBe('best-epoch');
    expect(done.selected.metrics['val.accuracy']).toBeGreaterThan(0.85);

    const kinds = run.messages.flatMap((m) => (m.type === 'checkpoint' ? [m.kind] : []));
    expect(kinds.filter((k) => k === 'resume')).toHaveLength(25);
    expect(kinds).toContain('best');
    expect(kinds).toContain('final');

    await tf.setBackend('cpu');
    const model = await loadLayersFolder(done.selected.path);
    const probabilities = tf
      .tidy(() => model.predict(tf.zeros([2, 4])) as tf.Tensor)
      .arraySync() as number[][];
    expect(probabilities).toHaveLength(2);
    for (const row of probabilities) expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    const sidecar = JSON.parse(readFileSync(join(done.selected.path, 'checkpoint.json'), 'utf8'));
    expect(sidecar).toMatchObject({
      format: 'basin-checkpoint',
      runId: 'test-run',
      kind: 'best',
      epoch: done.selected.epoch,
      task: 'multiclass',
      output: 'class-probabilities',
    });
    expect(sidecar.specHash).toMatch(/^[0-9a-f]{64}$/);
    expect(sidecar.preprocessing.input).toBeDefined();
  });

  it('reports per-layer gradient norms, update ratios and dead ReLU units every epoch', async () => {
    const run = await runTrainer({ spec: irisSpec({ training: { epochs: 2 } }) });
    for (const epoch of run.epochs) {
      expect(epoch.layers.map((l) => l.layer)).toEqual(['l00_dense', 'l01_dense']);
      for (const layer of epoch.layers) {
        expect(layer.gradientNorm).toBeGreaterThan(0);
        expect(layer.updateRatio).toBeGreaterThan(0);
      }
      expect(epoch.layers[0]?.deadReluFraction).toBeGreaterThanOrEqual(0);
      expect(epoch.layers[1]?.deadReluFraction).toBeNull();
      expect(Object.keys(epoch.metrics)).toEqual(
        expect.arrayContaining(['train.loss', 'val.loss', 'val.auc', 'train.accuracy']),
      );
    }
  });

  it('warm-starts from a checkpoint and keeps a frozen layer exactly as loaded', async () => {
    const source = (await runTrainer({ spec: irisSpec({ training: { epochs: 3 } }) })).done.selected
      .path;
    const base = irisSpec({ training: { epochs: 3, seed: 99 } });
    const layers = (base.model as { layers: Record<string, unknown>[] }).layers;
    const spec = {
      ...base,
      model: {
        layers: [{ ...layers[0], frozen: true }, layers[1]],
        warmStart: { checkpoint: source },
      },
    };
    const run = await runTrainer({ spec });
    const log = run.messages.find(
      (m) => m.type === 'log' && m.message.startsWith('Warm start from'),
    );
    for (const name of [
      'l00_dense/kernel',
      'l00_dense/bias',
      'l01_dense/kernel',
      'l01_dense/bias',
    ]) {
      expect(log).toMatchObject({ message: expect.stringContaining(name) });
    }
    expect(run.messages.find((m) => m.type === 'ready')).toMatchObject({
      parameters: { trainable: 51, total: 131 },
    });
    await tf.setBackend('cpu');
    const before = await readNamedWeights(source);
    const after = await readNamedWeights(join(run.checkpointDir, 'final'));
    expect(after['l00_dense/kernel']?.dataSync()).toEqual(before['l00_dense/kernel']?.dataSync());
    expect(after['l01_dense/kernel']?.dataSync()).not.toEqual(
      before['l01_dense/kernel']?.dataSync(),
    );
  });

  it('stops a deliberately exploding run as diverged, with where and why, instead of crashing', async () => {
    // Stacked linear layers multiply their weights, so plain SGD at this rate blows up within an epoch.
    const layers = [
      { type: 'dense', units: 16 },
      { type: 'dense', units: 16 },
      { type: 'dense', units: 16, activation: 'relu' },
      { type: 'dense', units: 3, activation: 'softmax' },
    ];
    const spec = irisSpec({
      model: { layers },
      optimization: { optimizer: { kind: 'sgd', learningRate: 1000 } },
      training: { epochs: 5 },
    });
    const run = await runTrainer({ spec });
    expect(run.exitCode).toBe(0);
    expect(run.last).toMatchObject({ type: 'failed', code: 'diverged' });
    if (run.last.type !== 'failed' || run.last.diagnosis === null) throw new Error('no diagnosis');
    const diagnosis = run.last.diagnosis;
    expect(diagnosis).toMatchObject({ epoch: 1, learningRate: 1000 });
    expect(['loss', 'gradient']).toContain(diagnosis.cause);
    expect(diagnosis.layer).toMatch(/^l0[0-3]_dense$/);
    expect(diagnosis.layerGradientNorm).toBeGreaterThan(
      10 * (diagnosis.typicalGradientNorm ?? Infinity),
    );
    expect(diagnosis.hint).toContain('lower the learning rate (it was 1000)');
    expect(diagnosis.hint).toContain('gradientClipping');
    expect(run.last.message).toMatch(/epoch \d+, batch \d+/);
  });

  it('names the file, line and column of a malformed CSV value', async () => {
    const folder = newCheckpointDir();
    const lines = readFileSync(join(RESOURCES_DIR, 'datasets', 'iris', 'iris.csv'), 'utf8').split(
      '\n',
    );
    const header = lines[0]?.split(',') ?? [];
    const cells = lines[6]?.split(',') ?? [];
    cells[1] = `${cells[1]}x`;
    lines[6] = cells.join(',');
    const csv = join(folder, 'iris-broken.csv');
    writeFileSync(csv, lines.join('\n'));
    const spec = irisSpec();
    const run = await runTrainer({
      spec: { ...spec, data: { source: { kind: 'csv', path: csv, target: 'species' } } },
    });
    expect(run.last).toMatchObject({ type: 'failed', code: 'data_error' });
    if (run.last.type !== 'failed') throw new Error('expected a failure');
    expect(run.last.message).toContain(
      `iris-broken.csv line 7, column "${header[1]}": expected a number, found "${cells[1]}"`,
    );
  });

  it('answers a malformed or foreign-version message with a protocol failure', async () => {
    const malformed = await runTrainer({
      spec: null,
      rawMessages: [{ type: 'start', version: 1 }],
    });
    expect(malformed.last).toMatchObject({ type: 'failed', code: 'protocol' });
    expect(malformed.exitCode).toBe(0);
    const foreign = await runTrainer({
      spec: null,
      rawMessages: [
        {
          type: 'start',
          version: 99,
          runId: 'x',
          spec: irisSpec(),
          fold: null,
          data: { resourcesDir: RESOURCES_DIR, fashionMnistDir: null },
          checkpointDir: newCheckpointDir(),
          resumeFrom: null,
        },
      ],
    });
    expect(foreign.last).toMatchObject({ type: 'failed', code: 'protocol' });
  });

  it('refuses a spec that does not fit its data, listing the problems', async () => {
    const spec = irisSpec({
      model: { layers: [{ type: 'dense', units: 4, activation: 'softmax' }] },
    });
    const run = await runTrainer({ spec });
    expect(run.last).toMatchObject({ type: 'failed', code: 'invalid_spec' });
  });
});
