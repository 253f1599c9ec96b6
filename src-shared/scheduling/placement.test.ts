import { describe, expect, it } from 'vitest';
import { buildDevicePool } from './device-pool';
import { placeRuns, unplaceableReason, type PlaceableRun } from './placement';
import { slurmSlots } from './slurm-slots';

const twoGpus = [
  { index: 0, name: 'G' },
  { index: 1, name: 'G' },
];

function run(
  runId: string,
  requires: PlaceableRun['requires'] = 'any',
  priority = 0,
): PlaceableRun {
  return { runId, requires, priority, position: Number(runId.replace(/\D/g, '')) };
}

describe('placeRuns', () => {
  it('holds a run to the slots of its prefix (a Slurm job taken back), local slots free or not', () => {
    const pool = [
      ...buildDevicePool({ gpus: [], useGpus: null, slotsPerGpu: 1, cpuSlots: 2 }),
      ...slurmSlots(0).slice(0, 2),
    ];
    const placements = placeRuns(
      [{ ...run('r1'), slotIdPrefix: 'slurm:' }, run('r2')],
      pool,
      new Set(),
    );
    expect(placements).toEqual([
      { runId: 'r1', slotId: 'slurm:0' },
      { runId: 'r2', slotId: 'cpu:0' },
    ]);
  });

  it('spreads runs over GPUs before stacking them and uses CPU slots last', () => {
    const pool = buildDevicePool({ gpus: twoGpus, useGpus: null, slotsPerGpu: 2, cpuSlots: 1 });
    const placements = placeRuns(
      [run('r1'), run('r2'), run('r3'), run('r4'), run('r5')],
      pool,
      new Set(),
    );
    expect(placements).toEqual([
      { runId: 'r1', slotId: 'gpu0:0' },
      { runId: 'r2', slotId: 'gpu1:0' },
      { runId: 'r3', slotId: 'gpu0:1' },
      { runId: 'r4', slotId: 'gpu1:1' },
      { runId: 'r5', slotId: 'cpu:0' },
    ]);
  });

  it('counts busy slots as load and never reuses them', () => {
    const pool = buildDevicePool({ gpus: twoGpus, useGpus: null, slotsPerGpu: 2, cpuSlots: 0 });
    const placements = placeRuns([run('r1'), run('r2')], pool, new Set(['gpu0:0']));
    expect(placements).toEqual([
      { runId: 'r1', slotId: 'gpu1:0' },
      { runId: 'r2', slotId: 'gpu0:1' },
    ]);
  });

  it('places in priority order and lets runs behind a blocked one start', () => {
    const pool = buildDevicePool({ gpus: [], useGpus: null, slotsPerGpu: 1, cpuSlots: 2 });
    const queue = [run('r1'), run('r2', 'gpu', 9), run('r3', 'cpu', 1), run('r4')];
    expect(placeRuns(queue, pool, new Set())).toEqual([
      { runId: 'r3', slotId: 'cpu:0' },
      { runId: 'r1', slotId: 'cpu:1' },
    ]);
  });

  it('keeps CPU-only runs off GPU slots', () => {
    const pool = buildDevicePool({ gpus: twoGpus, useGpus: [0], slotsPerGpu: 1, cpuSlots: 1 });
    expect(placeRuns([run('r1', 'cpu'), run('r2', 'cpu')], pool, new Set())).toEqual([
      { runId: 'r1', slotId: 'cpu:0' },
    ]);
  });

  it('places nothing when every slot is busy', () => {
    const pool = buildDevicePool({ gpus: [], useGpus: null, slotsPerGpu: 1, cpuSlots: 1 });
    expect(placeRuns([run('r1')], pool, new Set(['cpu:0']))).toEqual([]);
  });
});

describe('unplaceableReason', () => {
  const cpuOnly = buildDevicePool({ gpus: [], useGpus: null, slotsPerGpu: 1, cpuSlots: 1 });
  const gpuOnly = buildDevicePool({ gpus: twoGpus, useGpus: null, slotsPerGpu: 1, cpuSlots: 0 });

  it('explains a requirement the pool can never meet', () => {
    expect(unplaceableReason('gpu', cpuOnly)).toBe(
      'it needs a GPU and the device pool has no GPU slot',
    );
    expect(unplaceableReason('cpu', gpuOnly)).toContain('has none');
  });

  it('is null when some slot fits', () => {
    expect(unplaceableReason('any', cpuOnly)).toBeNull();
    expect(unplaceableReason('gpu', gpuOnly)).toBeNull();
    expect(unplaceableReason('cpu', cpuOnly)).toBeNull();
  });
});
