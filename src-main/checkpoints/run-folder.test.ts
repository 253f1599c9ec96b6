import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunIdentity } from '@shared/contract/checkpoint-sidecar';
import { RunFolder } from './run-folder';

const identity: RunIdentity = {
  runId: 'r0',
  specHash: 'hash',
  task: 'binary',
  inputShape: [2],
  output: 'positive-probability',
  preprocessing: {
    input: { kind: 'none' },
    target: { kind: 'none' },
  } as unknown as RunIdentity['preprocessing'],
  backend: 'cpu',
};

describe('RunFolder resume checkpoints', () => {
  let root = '';
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('keeps the two newest, so the one before an uncommitted epoch survives', async () => {
    root = mkdtempSync(join(tmpdir(), 'basin-run-folder-'));
    const folder = new RunFolder(root, identity);
    const model = { 'model.json': '{}', 'weights.bin': Uint8Array.of(1) };
    for (const epoch of [1, 2, 3]) {
      await folder.saveResume(`resume-e${epoch}`, model, epoch, {});
    }
    expect(readdirSync(root).sort()).toEqual(['resume-e2', 'resume-e3']);
  });

  it('keeps the previous epoch when a stopping trainer saves a mid-epoch one of the newest epoch', async () => {
    root = mkdtempSync(join(tmpdir(), 'basin-run-folder-'));
    const folder = new RunFolder(root, identity);
    const model = { 'model.json': '{}', 'weights.bin': Uint8Array.of(1) };
    for (const epoch of [1, 2, 3]) {
      await folder.saveResume(`resume-e${epoch}`, model, epoch, {});
    }
    // Its parent died after epoch 3 arrived there, perhaps before that epoch was committed.
    await folder.saveResume('resume-e3-b7', model, 3, {});
    expect(readdirSync(root).sort()).toEqual(['resume-e2', 'resume-e3-b7']);
    await folder.saveResume('resume-e4', model, 4, {});
    expect(readdirSync(root).sort()).toEqual(['resume-e3-b7', 'resume-e4']);
  });
});
