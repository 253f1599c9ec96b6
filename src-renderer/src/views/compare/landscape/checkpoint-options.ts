import type { CheckpointRef } from '@shared/contract/landscape';
import type { RunDetail } from '@shared/contract/runs';

export interface CheckpointOption {
  key: string;
  label: string;
  ref: CheckpointRef;
}

/** What a person can pick for a run: its selected model, best epoch, SWA and each snapshot. */
export function checkpointOptions(
  run: Pick<RunDetail, 'id' | 'checkpoints' | 'selected'>,
): CheckpointOption[] {
  const options: CheckpointOption[] = [];
  if (run.selected !== null) {
    options.push({
      key: `${run.id}:selected`,
      label: `Run ${run.id} · selected (${run.selected})`,
      ref: { runId: run.id, kind: 'selected' },
    });
  }
  for (const kind of ['best', 'swa'] as const) {
    const checkpoint = run.checkpoints.find((c) => c.kind === kind);
    if (checkpoint === undefined) continue;
    options.push({
      key: `${run.id}:${kind}`,
      label: `Run ${run.id} · ${kind === 'best' ? 'best epoch' : 'SWA'} (epoch ${checkpoint.epoch})`,
      ref: { runId: run.id, kind },
    });
  }
  run.checkpoints
    .filter((c) => c.kind === 'snapshot')
    .sort((a, b) => a.epoch - b.epoch)
    .forEach((checkpoint, k) =>
      options.push({
        key: `${run.id}:snapshot-${k + 1}`,
        label: `Run ${run.id} · snapshot ${k + 1} (epoch ${checkpoint.epoch})`,
        ref: { runId: run.id, kind: 'snapshot', snapshot: k + 1 },
      }),
    );
  return options;
}
