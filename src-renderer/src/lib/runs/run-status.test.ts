import { describe, expect, it } from 'vitest';
import type { RunSummary } from '@shared/contract/runs';
import {
  canResume,
  canRetry,
  describeDuration,
  describeMember,
  paceFromRecord,
  remainingMs,
} from './run-status';

const running = {
  status: 'running',
  startedAt: new Date(10_000).toISOString(),
  epoch: 4,
  epochs: 10,
} as RunSummary;

describe('describeDuration', () => {
  it('uses the two largest units that matter', () => {
    expect(describeDuration(12_400)).toBe('12 s');
    expect(describeDuration(185_000)).toBe('3 min 05 s');
    expect(describeDuration(3_840_000)).toBe('1 h 04 min');
    expect(describeDuration(-5)).toBe('0 s');
  });
});

describe('describeMember', () => {
  it('counts restarts and folds from 1', () => {
    expect(describeMember({ restart: 0, fold: null })).toBe('restart 1');
    expect(describeMember({ restart: 2, fold: 0 })).toBe('restart 3 · fold 1');
  });
});

describe('pace', () => {
  it('estimates time left from the time per epoch so far', () => {
    const pace = paceFromRecord(running, 30_000);
    expect(pace).toEqual({ epoch: 4, epochs: 10, etaMs: 30_000, measuredAt: 30_000 });
    expect(remainingMs(pace!, 40_000)).toBe(20_000);
    expect(remainingMs(pace!, 90_000)).toBe(0);
  });

  it('cannot tell before the first epoch, and has no pace when not running', () => {
    expect(paceFromRecord({ ...running, epoch: null }, 30_000)?.etaMs).toBeNull();
    expect(paceFromRecord({ ...running, status: 'queued' }, 30_000)).toBeNull();
  });
});

describe('what a finished run offers', () => {
  it('retries what went wrong or was stopped, and resumes only what kept a resume point', () => {
    expect(canRetry('diverged')).toBe(true);
    expect(canRetry('succeeded')).toBe(false);
    expect(canResume('interrupted')).toBe(true);
    expect(canResume('failed')).toBe(false);
  });
});
