import { describe, expect, it } from 'vitest';
import { runTimeline } from './run-timeline';

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 12, minute)).toISOString();

describe('runTimeline', () => {
  it('lists queued, started and ended in order for a run that ran once', () => {
    const moments = runTimeline({
      queuedAt: at(0),
      startedAt: at(1),
      finishedAt: at(5),
      status: 'succeeded',
    });
    expect(moments.map((m) => m.label)).toEqual(['Queued', 'Started', 'Ended']);
  });

  it('shows a resumed run as queued again after its first start, never queued after started', () => {
    const moments = runTimeline({
      queuedAt: at(10),
      startedAt: at(1),
      finishedAt: null,
      status: 'queued',
    });
    expect(moments.map((m) => [m.label, m.at])).toEqual([
      ['First started', at(1)],
      ['Queued again', at(10)],
    ]);
  });

  it('drops an end that belongs to an attempt before the latest queueing', () => {
    const moments = runTimeline({
      queuedAt: at(10),
      startedAt: at(1),
      finishedAt: at(5),
      status: 'queued',
    });
    expect(moments.map((m) => m.kind)).toEqual(['started', 'requeued']);
  });
});
