import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CheckpointSidecar } from '@shared/contract/checkpoint-sidecar';
import { SIDECAR_FILE } from '../checkpoints/sidecar';
import { findResumePoint } from './run-folders';

let root = '';
afterEach(() => rmSync(root, { recursive: true, force: true }));

function writeResumeSidecar(name: string, epoch: number, createdAt: string): void {
  const sidecar: CheckpointSidecar = {
    format: 'basin-checkpoint',
    formatVersion: 1,
    runId: '1',
    specHash: 'hash',
    task: 'binary',
    inputShape: [2],
    output: 'positive-probability',
    preprocessing: { input: { kind: 'none' }, target: { kind: 'none' } },
    backend: 'cpu',
    kind: 'resume',
    epoch,
    metrics: {},
    createdAt,
  } as unknown as CheckpointSidecar;
  mkdirSync(join(root, name));
  writeFileSync(join(root, name, SIDECAR_FILE), JSON.stringify(sidecar));
}

describe('findResumePoint', () => {
  it('takes the newest committed epoch, the later of two at it, and never a half-written folder', async () => {
    root = mkdtempSync(join(tmpdir(), 'basin-resume-point-'));
    writeResumeSidecar('resume-e0002', 2, '2026-12-07T00:00:02.000Z');
    writeResumeSidecar('resume-e0003', 3, '2026-12-07T00:00:03.000Z');
    writeResumeSidecar('resume-e0003-b00007', 3, '2026-12-07T00:00:04.000Z');
    writeResumeSidecar('resume-e0004', 4, '2026-12-07T00:00:05.000Z');
    // A trainer killed while writing: its sidecar is down, the rest of the folder may not be.
    writeResumeSidecar('.resume-e0004-b00002.writing-123', 4, '2026-12-07T00:00:06.000Z');

    expect(await findResumePoint(root, 3)).toMatchObject({
      path: join(root, 'resume-e0003-b00007'),
      epoch: 3,
    });
    expect((await findResumePoint(root, 4))?.path).toBe(join(root, 'resume-e0004'));
    expect(await findResumePoint(root, 1)).toBeNull();
  });
});
