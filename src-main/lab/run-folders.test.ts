import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SIDECAR_FILE } from '../checkpoints/sidecar';
import { useTempDirs } from '../store/testing/temp-dir';
import { findResumePoint } from './run-folders';

const tempDir = useTempDirs();

/** A resume checkpoint's sidecar as the trainer writes it (the model files do not matter here). */
function writeResumeSidecar(
  folder: string,
  epoch: number,
  createdAt = '2026-12-06T23:54:34.012Z',
): void {
  mkdirSync(folder, { recursive: true });
  const sidecar = {
    format: 'basin-checkpoint',
    formatVersion: 1,
    runId: '1',
    specHash: 'f'.repeat(64),
    task: 'binary',
    inputShape: [2],
    output: 'positive-probability',
    preprocessing: {
      input: {
        kind: 'tabular',
        features: [
          {
            column: 'x1',
            kind: 'numeric',
            fill: null,
            scaling: 'standardize',
            center: 0,
            scale: 1,
          },
        ],
        featureNames: ['x1'],
      },
      target: { column: 'label', task: 'binary', classes: ['0', '1'] },
    },
    backend: 'wasm',
    kind: 'resume',
    epoch,
    metrics: {},
    createdAt,
  };
  writeFileSync(join(folder, SIDECAR_FILE), JSON.stringify(sidecar));
}

describe('findResumePoint', () => {
  it('takes the newest resume checkpoint whose epoch the lab holds', async () => {
    const runs = tempDir();
    for (const epoch of [3, 4, 5]) writeResumeSidecar(join(runs, `resume-e000${epoch}`), epoch);
    expect(await findResumePoint(runs, 4)).toMatchObject({
      path: join(runs, 'resume-e0004'),
      epoch: 4,
    });
  });

  it('never takes the staging folder of a write the trainer was killed in', async () => {
    const runs = tempDir();
    writeResumeSidecar(join(runs, 'resume-e0514'), 514);
    // Slurm's TIMEOUT ended this trainer after the sidecar was staged, before resume.json was.
    writeResumeSidecar(join(runs, '.resume-e0515.writing-30170'), 515);
    expect(await findResumePoint(runs, 515)).toMatchObject({
      path: join(runs, 'resume-e0514'),
      epoch: 514,
    });
  });

  it('takes the later of two checkpoints at one epoch', async () => {
    const runs = tempDir();
    writeResumeSidecar(join(runs, 'resume-e0003'), 3, '2026-12-07T00:00:03.000Z');
    // The mid-epoch save of a trainer whose lab went away, later than the epoch's end.
    writeResumeSidecar(join(runs, 'resume-e0003-b00007'), 3, '2026-12-07T00:00:04.000Z');
    writeResumeSidecar(join(runs, 'resume-e0004'), 4, '2026-12-07T00:00:05.000Z');
    expect((await findResumePoint(runs, 3))?.path).toBe(join(runs, 'resume-e0003-b00007'));
    expect(await findResumePoint(runs, 1)).toBeNull();
  });
});
