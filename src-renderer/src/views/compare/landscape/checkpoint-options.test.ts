import { describe, expect, it } from 'vitest';
import { checkpointOptions } from './checkpoint-options';

const checkpoint = (kind: 'best' | 'swa' | 'snapshot' | 'final', epoch: number) => ({
  kind,
  epoch,
  path: `/c/${kind}-${epoch}`,
  metrics: {},
  createdAt: '2026-01-01T00:00:00.000Z',
});

describe('checkpointOptions', () => {
  it('offers the selected model, best epoch, SWA and the snapshots numbered by epoch', () => {
    const options = checkpointOptions({
      id: 7,
      selected: 'swa',
      checkpoints: [
        checkpoint('snapshot', 8),
        checkpoint('best', 5),
        checkpoint('snapshot', 4),
        checkpoint('swa', 10),
        checkpoint('final', 10),
      ],
    });
    expect(options.map((o) => o.label)).toEqual([
      'Run 7 · selected (swa)',
      'Run 7 · best epoch (epoch 5)',
      'Run 7 · SWA (epoch 10)',
      'Run 7 · snapshot 1 (epoch 4)',
      'Run 7 · snapshot 2 (epoch 8)',
    ]);
    expect(options.at(-1)?.ref).toEqual({ runId: 7, kind: 'snapshot', snapshot: 2 });
  });

  it('offers nothing selected for a run that has not finished', () => {
    const options = checkpointOptions({
      id: 2,
      selected: null,
      checkpoints: [checkpoint('best', 1)],
    });
    expect(options.map((o) => o.key)).toEqual(['2:best']);
  });
});
