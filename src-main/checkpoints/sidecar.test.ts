import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RunFolder } from './run-folder';
import { readCheckpointSidecar, SIDECAR_FILE } from './sidecar';

let root = '';
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'basin-sidecar-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const model = { 'model.json': '{}', 'weights.bin': Uint8Array.of(1) };

describe('readCheckpointSidecar', () => {
  it('reads back what RunFolder writes, NaN metrics included', async () => {
    const folder = new RunFolder(root, {
      runId: 'r1',
      specHash: 'h',
      task: 'binary',
      inputShape: [2],
      output: 'positive-probability',
      preprocessing: { input: { kind: 'none' }, target: { kind: 'none' } } as never,
      backend: 'cpu',
    });
    const path = await folder.saveModel('best', 'best', model, 3, {
      'val.loss': 0.5,
      'val.auc': NaN,
    });
    expect(await readCheckpointSidecar(path)).toMatchObject({
      kind: 'best',
      epoch: 3,
      metrics: { 'val.loss': 0.5, 'val.auc': null },
    });
  });

  it('names the file and the field that is wrong', async () => {
    writeFileSync(join(root, SIDECAR_FILE), JSON.stringify({ format: 'basin-checkpoint' }));
    await expect(readCheckpointSidecar(root)).rejects.toThrow(
      new RegExp(`${join(root, SIDECAR_FILE)} is not a Basin checkpoint sidecar: .*formatVersion`),
    );
  });
});
