import { execFile } from 'node:child_process';
import { existsSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportKind } from '@shared/contract/exports';
import { parseCsv } from '@shared/data/csv/parse-csv';
import type { ResolvedSpec } from '@shared/experiment';
import { loadDataset } from '../data/load-dataset';
import type { LabCore } from '../lab/lab-core';
import { call, example, openTestLab, reply, tempDataDir } from '../lab/testing/lab-fixture';
import { repoRoot } from '../testing/built-app';

const run = promisify(execFile);
const resourcesDir = join(repoRoot, 'resources');

let lab: LabCore;
let root: string;
let cleanUp: () => void;
let experimentId: number;
let runIds: number[];

beforeAll(async () => {
  const temp = tempDataDir();
  ({ root, cleanUp } = temp);
  lab = await openTestLab(temp.dataDir);
  const spec = example('breast-cancer-restarts.json', (s) => ({
    ...s,
    strategy: { ...s.strategy, restarts: { count: 2 } },
  }));
  experimentId = (await call(lab, 'experiments.create', { spec })).id;
  runIds = (await call(lab, 'experiments.launch', { id: experimentId })).runIds;
  await lab.scheduler.idle();
  await lab.experimentSettled(experimentId);
}, 120_000);

afterAll(async () => {
  await lab?.close();
  cleanUp?.();
});

/** The raw CSV rows of one of the run's splits, as records keyed by column, with their true labels. */
async function rawSplit(config: ResolvedSpec, split: 'validation' | 'test') {
  const prepared = await loadDataset(config.data, config.split, { resourcesDir });
  const csv = parseCsv(
    readFileSync(join(resourcesDir, 'datasets', 'breast-cancer', 'breast-cancer.csv'), 'utf8'),
    'breast-cancer.csv',
  );
  const target = csv.header.indexOf('diagnosis');
  const rows = Array.from(prepared[split].rows, (row) => csv.rows[row]!);
  return {
    records: rows.map((cells) => Object.fromEntries(csv.header.map((name, i) => [name, cells[i]]))),
    labels: rows.map((cells) => cells[target]),
  };
}

/** Predicts in a fresh Node process with the exported predict.mjs (plain @tensorflow/tfjs). */
async function accuracyInFreshProcess(
  dir: string,
  config: ResolvedSpec,
  split: 'validation' | 'test' = 'test',
): Promise<number> {
  // As in a user's project that has @tensorflow/tfjs installed.
  symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const { records, labels } = await rawSplit(config, split);
  const recordsFile = join(dir, '..', `${Date.now()}-records.json`);
  writeFileSync(recordsFile, JSON.stringify(records));
  const { stdout } = await run(process.execPath, [join(dir, 'predict.mjs'), recordsFile], {
    maxBuffer: 1 << 26,
  });
  const predictions = JSON.parse(stdout) as { label: string }[];
  return predictions.filter((p, i) => p.label === labels[i]).length / labels.length;
}

const kindOf: Record<string, ExportKind> = {
  'best-epoch': 'best',
  swa: 'swa',
  'snapshot-ensemble': 'ensemble',
};

describe('export', () => {
  it("exports a run's selected model that reproduces its recorded test accuracy in a fresh process", async () => {
    const detail = await call(lab, 'runs.get', { id: runIds[0]! });
    const kind = kindOf[detail.selected ?? '']!;
    const dir = join(root, 'selected-model');
    const result = await call(lab, 'export.model', {
      source: { kind: 'run', id: detail.id },
      kind,
      dir,
    });
    expect(result.files).toEqual(
      expect.arrayContaining(['README.md', 'predict.mjs', 'basin.json']),
    );
    expect(result.testMetrics).toEqual(detail.testMetrics);
    const readme = readFileSync(join(dir, 'README.md'), 'utf8');
    expect(readme).toContain(
      'tensorflowjs_converter --input_format=tfjs_layers_model --output_format=keras',
    );
    expect(readme).toContain('mean_radius');
    const accuracy = await accuracyInFreshProcess(dir, detail.config as ResolvedSpec);
    expect(accuracy).toBe(detail.testMetrics?.['test.accuracy']);
  });

  it('exports the deep ensemble of the restarts, reproducing its recorded validation accuracy', async () => {
    const dir = join(root, 'deep-ensemble');
    const result = await call(lab, 'export.model', {
      source: { kind: 'experiment', id: experimentId },
      kind: 'ensemble',
      dir,
    });
    expect(result.runIds.sort()).toEqual([...runIds].sort());
    expect(existsSync(join(dir, 'member-02', 'model.json'))).toBe(true);
    // Here a restart's model beats the ensemble on validation loss, so the ensemble is not the
    // experiment's pick and was never scored on the test split.
    const comparison = await call(lab, 'compare.strategies', { experimentId, metric: 'accuracy' });
    expect(comparison.selected?.candidate).not.toBe('deep-ensemble');
    expect(result.testMetrics).toBeNull();
    const deep = comparison.rows.find((row) => row.strategy === 'deep-ensemble');
    expect(deep?.test).toBeNull();
    const config = (await call(lab, 'runs.get', { id: runIds[0]! })).config as ResolvedSpec;
    const accuracy = await accuracyInFreshProcess(dir, config, 'validation');
    expect(accuracy).toBe(deep?.validation?.mean);
  });

  it('refuses to export into a folder that is not empty, and names what is missing', async () => {
    const dir = join(root, 'selected-model');
    const taken = await reply(lab, 'export.model', {
      source: { kind: 'run', id: runIds[0]! },
      kind: 'best',
      dir,
    });
    expect(taken.ok ? null : taken.error).toMatchObject({
      code: 'conflict',
      message: `${dir} is not empty; export into a new or empty folder.`,
    });
    const missing = await reply(lab, 'export.model', {
      source: { kind: 'run', id: 999 },
      kind: 'best',
      dir: join(root, 'x'),
    });
    expect(missing.ok ? null : missing.error).toMatchObject({
      code: 'not_found',
      message: 'There is no run 999.',
    });
  });

  it('writes the metrics of an experiment as CSV', async () => {
    const path = join(root, 'metrics.csv');
    const { rows } = await call(lab, 'export.metricsCsv', {
      source: { kind: 'experiment', id: experimentId },
      path,
    });
    const lines = readFileSync(path, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('run_id,restart,fold,seed,key,step,epoch,value,wall_time');
    expect(lines).toHaveLength(rows + 1);
    expect(rows).toBeGreaterThan(2 * 20);
  });
});
