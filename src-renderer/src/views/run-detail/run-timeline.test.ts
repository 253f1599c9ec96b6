import { describe, expect, it } from 'vitest';
import type { RunAttempt } from '@shared/contract/runs';
import { runTimeline } from './run-timeline';

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 12, minute)).toISOString();

function attempt(fields: Partial<RunAttempt> & Pick<RunAttempt, 'attempt'>): RunAttempt {
  return {
    queuedAt: at(0),
    startedAt: at(1),
    endedAt: null,
    status: null,
    epoch: null,
    device: 'cpu:0',
    backend: 'wasm',
    reason: null,
    slurmJobId: null,
    ...fields,
  };
}

const interrupted = attempt({
  attempt: 1,
  endedAt: at(5),
  status: 'interrupted',
  epoch: 3,
  reason: 'The lab stopped while this attempt was training.',
});

describe('runTimeline', () => {
  it('lists queued, started and ended of a run that ran once, with where and how it ended', () => {
    const [only, ...rest] = runTimeline({ status: 'succeeded', queuedAt: at(0), epochs: 10 }, [
      attempt({ attempt: 1, endedAt: at(9), status: 'succeeded', epoch: 10 }),
    ]);
    expect(rest).toEqual([]);
    expect(only!.moments.map((m) => [m.label, m.at])).toEqual([
      ['Queued', at(0)],
      ['Started', at(1)],
      ['Ended', at(9)],
    ]);
    expect(only).toMatchObject({
      number: 1,
      state: 'ended',
      where: 'cpu:0 · wasm',
      outcome: 'Succeeded at epoch 10 of 10',
    });
  });

  it('shows each attempt of a resumed run with its own times, never queued after started', () => {
    const entries = runTimeline({ status: 'running', queuedAt: at(7), epochs: 10 }, [
      interrupted,
      attempt({ attempt: 2, queuedAt: at(7), startedAt: at(8), device: 'gpu:0' }),
    ]);
    expect(entries.map((e) => [e.number, e.state, e.outcome])).toEqual([
      [1, 'ended', 'Was interrupted at epoch 3 of 10'],
      [2, 'running', null],
    ]);
    expect(entries[0]!.reason).toBe('The lab stopped while this attempt was training.');
    for (const entry of entries) {
      const times = entry.moments.map((m) => Date.parse(m.at));
      expect(times).toEqual(times.toSorted((a, b) => a - b));
    }
  });

  it('adds the next attempt as waiting while a resumed run is queued', () => {
    const entries = runTimeline({ status: 'queued', queuedAt: at(7), epochs: 10 }, [interrupted]);
    expect(entries.map((e) => [e.number, e.state, e.moments.map((m) => m.label)])).toEqual([
      [1, 'ended', ['Queued', 'Started', 'Ended']],
      [2, 'waiting', ['Queued']],
    ]);
    expect(runTimeline({ status: 'queued', queuedAt: at(0), epochs: 10 }, [])).toHaveLength(1);
  });

  it('names the Slurm job, says "before its first epoch", and owns up to an unknown ending', () => {
    const [slurm, old] = runTimeline({ status: 'failed', queuedAt: at(0), epochs: 10 }, [
      attempt({
        attempt: 1,
        endedAt: at(2),
        status: 'failed',
        epoch: null,
        device: 'node7',
        backend: 'none',
        slurmJobId: '12_3',
      }),
      attempt({ attempt: 2, endedAt: at(3), status: null, epoch: 4, device: null, backend: null }),
    ]);
    expect(slurm).toMatchObject({
      where: 'node7 · Slurm job 12_3',
      outcome: 'Failed before its first epoch',
    });
    expect(old!.where).toBeNull();
    expect(old!.outcome).toMatch(/^Ended at epoch 4 of 10; how was not recorded/);
  });
});
