import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { dataSchema } from '@shared/experiment/data';
import type { DataConfig } from '@shared/experiment/data';
import { builtinDatasets, type BuiltinDatasetId } from '@shared/experiment/datasets';
import { splitSchema } from '@shared/experiment/split';
import { loadDataset } from './load-dataset';

const resourcesDir = resolve(__dirname, '../../resources');
const holdout = splitSchema.parse({ kind: 'holdout' });
const dir = mkdtempSync(join(tmpdir(), 'basin-data-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const data = (input: unknown): DataConfig => dataSchema.parse(input);

/** An IDX file of unsigned bytes: magic 00 00 08 rank, big-endian dims, data. */
function idx(dims: number[], values: ArrayLike<number>): Uint8Array {
  const bytes = new Uint8Array(4 + 4 * dims.length + values.length);
  bytes.set([0, 0, 0x08, dims.length]);
  dims.forEach((d, i) => new DataView(bytes.buffer).setUint32(4 + 4 * i, d, false));
  bytes.set(values, 4 + 4 * dims.length);
  return bytes;
}

describe('loadDataset: recorded built-ins', () => {
  it.each([
    ['iris', 150, ['setosa', 'versicolor', 'virginica']],
    ['breast-cancer', 569, ['benign', 'malignant']],
  ] as const)('%s loads with the facts the catalog promises', async (id, rows, classes) => {
    const loaded = await loadDataset(data({ source: { kind: 'builtin', dataset: id } }), holdout, {
      resourcesDir,
    });
    expect(loaded.facts).toEqual(builtinDatasets[id].facts);
    expect(loaded.preprocessing.target.classes).toEqual(classes);
    expect(loaded.report.rowsRead).toBe(rows);
    expect(loaded.train.count + loaded.validation.count + loaded.test.count).toBe(rows);
    expect(
      loaded.report.columns?.every(
        (c) => c.type === 'numeric' || c.name === loaded.preprocessing.target.column,
      ),
    ).toBe(true);
  });

  it('iris keeps the source values: the first flower is 5.1, 3.5, 1.4, 0.2 (setosa)', async () => {
    const spec = data({
      source: { kind: 'builtin', dataset: 'iris' },
      preprocessing: { scale: 'none' },
    });
    const loaded = await loadDataset(
      spec,
      splitSchema.parse({ kind: 'holdout', train: 1, validation: 0, test: 0 }),
      { resourcesDir },
    );
    const first = loaded.train.rows.indexOf(0);
    expect(Array.from(loaded.train.x.subarray(first * 4, first * 4 + 4))).toEqual(
      [5.1, 3.5, 1.4, 0.2].map(Math.fround),
    );
    expect(loaded.train.y[first]).toBe(0);
  });
});

describe('loadDataset: generated built-ins', () => {
  it.each(['spirals', 'circles', 'poisson-counts'] as const)(
    '%s is generated from its seed with the catalog facts',
    async (id: BuiltinDatasetId) => {
      const spec = data({
        source: { kind: 'builtin', dataset: id, generator: { samples: 200, seed: 4 } },
      });
      const [a, b] = [
        await loadDataset(spec, holdout, { resourcesDir }),
        await loadDataset(spec, holdout, { resourcesDir }),
      ];
      expect(a.facts).toEqual(builtinDatasets[id].facts);
      expect(a.report.rowsRead).toBe(200);
      expect(a.train.x).toEqual(b.train.x);
    },
  );
});

describe('loadDataset: CSV files', () => {
  it('reads a gzipped CSV with categoricals and imputes with training means', async () => {
    const path = join(dir, 'pets.csv.gz');
    const lines = [
      'weight,kind,adopted',
      ...Array.from(
        { length: 30 },
        (_, i) =>
          `${i === 4 ? '' : 2 + (i % 9)},${i % 2 ? 'cat' : 'dog'},${i % 3 === 0 ? 'yes' : 'no'}`,
      ),
    ];
    writeFileSync(path, gzipSync(lines.join('\r\n')));
    const spec = data({ source: { kind: 'csv', path, target: 'adopted', missing: 'mean' } });
    const loaded = await loadDataset(spec, holdout, { resourcesDir });
    expect(loaded.name).toBe('pets.csv.gz');
    expect(loaded.featureNames).toEqual(['weight', 'kind=cat', 'kind=dog']);
    expect(loaded.facts).toEqual({ task: 'binary', inputShape: [3], classCount: 2 });
    const weight =
      loaded.preprocessing.input.kind === 'tabular' ? loaded.preprocessing.input.features[0] : null;
    expect(weight).toMatchObject({ kind: 'numeric', scaling: 'standardize' });
    expect(weight?.fill).toBeCloseTo(weight?.kind === 'numeric' ? weight.center : NaN, 12);
  });

  it('names the file, line and column of a malformed cell', async () => {
    const path = join(dir, 'iris.csv');
    const lines = [
      'sepal_length,petal_width,species',
      ...Array.from(
        { length: 20 },
        (_, i) => `5.${i % 10},${i === 15 ? 'abc' : '0.2'},setosa${i % 2}`,
      ),
    ];
    writeFileSync(path, lines.join('\n'));
    const spec = data({
      source: { kind: 'csv', path, target: 'species', columns: { petal_width: 'numeric' } },
    });
    await expect(loadDataset(spec, holdout, { resourcesDir })).rejects.toThrow(
      'iris.csv line 17, column "petal_width": expected a number, found "abc"',
    );
  });

  it('names a file it cannot read', async () => {
    const spec = data({ source: { kind: 'csv', path: join(dir, 'absent.csv'), target: 'y' } });
    await expect(loadDataset(spec, holdout, { resourcesDir })).rejects.toThrow(
      `cannot read ${join(dir, 'absent.csv')}`,
    );
  });
});

describe('loadDataset: IDX files', () => {
  const count = 40;
  const pixels = Uint8Array.from({ length: count * 9 }, (_, i) => (i * 7) % 256);
  const labels = Uint8Array.from({ length: count }, (_, i) => i % 4);

  it('reads gzipped and raw IDX files alike (round trip through gzip)', async () => {
    writeFileSync(join(dir, 'img.idx3.gz'), gzipSync(idx([count, 3, 3], pixels)));
    writeFileSync(join(dir, 'lbl.idx1'), idx([count], labels));
    const spec = data({
      source: {
        kind: 'idx',
        train: { images: join(dir, 'img.idx3.gz'), labels: join(dir, 'lbl.idx1') },
      },
      preprocessing: { scale: 'none' },
    });
    const loaded = await loadDataset(spec, holdout, { resourcesDir });
    expect(loaded.facts).toEqual({ task: 'multiclass', inputShape: [3, 3, 1], classCount: 4 });
    for (const part of [loaded.train, loaded.validation, loaded.test]) {
      part.rows.forEach((row, i) => {
        expect(Array.from(part.x.subarray(i * 9, i * 9 + 9))).toEqual(
          Array.from(pixels.subarray(row * 9, row * 9 + 9)),
        );
        expect(part.y[i]).toBe(labels[row]);
      });
    }
  });

  it('names both files when image and label counts differ', async () => {
    writeFileSync(join(dir, 'few.idx1'), idx([count - 1], labels.subarray(1)));
    const spec = data({
      source: {
        kind: 'idx',
        train: { images: join(dir, 'img.idx3.gz'), labels: join(dir, 'few.idx1') },
      },
    });
    await expect(loadDataset(spec, holdout, { resourcesDir })).rejects.toThrow(
      'img.idx3.gz holds 40 images but few.idx1 holds 39 labels',
    );
  });

  it('names a truncated file', async () => {
    writeFileSync(join(dir, 'cut.idx3'), idx([count, 3, 3], pixels).subarray(0, 100));
    const spec = data({
      source: {
        kind: 'idx',
        train: { images: join(dir, 'cut.idx3'), labels: join(dir, 'lbl.idx1') },
      },
    });
    await expect(loadDataset(spec, holdout, { resourcesDir })).rejects.toThrow(
      'cut.idx3: truncated: dimensions [40, 3, 3] need 376 bytes, the file has 100',
    );
  });
});
