import { describe, expect, it } from 'vitest';
import type { RunAttempt } from '@shared/contract/runs';
import { attemptLines, metricNoteLines } from './run-history-show';

const attempt = (fields: Partial<RunAttempt>): RunAttempt => ({
  attempt: 1,
  queuedAt: '2026-01-01T00:00:00.000Z',
  startedAt: '2026-01-01T00:01:00.000Z',
  endedAt: null,
  status: null,
  epoch: null,
  device: 'cpu:0',
  backend: 'wasm',
  reason: null,
  slurmJobId: null,
  ...fields,
});

describe("basin show's run history", () => {
  it('prints each attempt with how it ended, where, and its reason below', () => {
    expect(
      attemptLines([
        attempt({
          endedAt: '2026-01-01T00:05:00.000Z',
          status: 'interrupted',
          epoch: 3,
          device: 'node7',
          slurmJobId: '12_0',
          reason: 'Slurm job 12_0 ended (TIMEOUT); resubmitted as job 13 to resume.',
        }),
        attempt({ attempt: 2, startedAt: null, device: 'node7', slurmJobId: '13' }),
      ]),
    ).toEqual([
      '',
      'Attempts:',
      '  #  started                   ended                     outcome      epoch  where',
      '  1  2026-01-01T00:01:00.000Z  2026-01-01T00:05:00.000Z  interrupted  3      node7 (wasm), slurm job 12_0',
      '     Slurm job 12_0 ended (TIMEOUT); resubmitted as job 13 to resume.',
      '  2  —                         —                         waiting      —      node7 (wasm), slurm job 13',
    ]);
    expect(attemptLines([])).toEqual([]);
  });

  it('prints the latest reason of each undefined metric, then what sampled ones were computed on', () => {
    expect(
      metricNoteLines([
        { key: 'test.auc', kind: 'undefined', note: 'one class', epoch: null },
        { key: 'train.auc', kind: 'basis', note: 'all 120 training rows', epoch: 1 },
        { key: 'val.auc', kind: 'undefined', note: 'one class', epoch: 12 },
      ]),
    ).toEqual([
      '',
      'Undefined metrics (latest reason):',
      '  test.auc  test      one class',
      '  val.auc   epoch 12  one class',
      '',
      'Computed on part of the split:',
      '  train.auc  epoch 1  all 120 training rows',
    ]);
    expect(metricNoteLines([])).toEqual([]);
  });
});
