import { afterEach, describe, expect, it } from 'vitest';
import type { LabCore } from './lab-core';
import { call, nextEvent, openTestLab, spirals, tempDataDir } from './testing/lab-fixture';

let lab: LabCore | undefined;
let cleanUp: () => void = () => undefined;

afterEach(async () => {
  await lab?.close();
  lab = undefined;
  cleanUp();
});

describe('run attempts in a real lab', () => {
  it('records a run stopped by closing the lab and resumed in the next one as two attempts', async () => {
    const temp = tempDataDir();
    cleanUp = temp.cleanUp;
    lab = await openTestLab(temp.dataDir, { devices: { cpuSlots: 1, gpus: [] } });
    const experiment = await call(lab, 'experiments.create', {
      spec: spirals('stopped and resumed', 1500, 6),
    });
    const [runId] = (await call(lab, 'experiments.launch', { id: experiment.id })).runIds;
    await nextEvent(lab, (m) =>
      m.event === 'run.epoch' && m.payload.runId === runId && m.payload.epoch >= 2
        ? true
        : undefined,
    );
    await lab.close();

    lab = await openTestLab(temp.dataDir, { devices: { cpuSlots: 1, gpus: [] } });
    const stopped = await call(lab, 'runs.get', { id: runId! });
    expect(stopped.attempts).toHaveLength(1);
    const [first] = stopped.attempts;
    expect(first).toMatchObject({
      attempt: 1,
      status: 'cancelled',
      device: 'cpu:0',
      slurmJobId: null,
    });
    expect(first!.epoch).toBeGreaterThanOrEqual(2);
    expect(first!.epoch).toBeLessThan(6);

    await call(lab, 'runs.resume', { id: runId! });
    await lab.scheduler.idle();
    const resumed = await call(lab, 'runs.get', { id: runId! });
    expect(resumed.status).toBe('succeeded');
    expect(resumed.attempts.map((a) => [a.attempt, a.status, a.epoch])).toEqual([
      [1, 'cancelled', first!.epoch],
      [2, 'succeeded', 6],
    ]);
    const [, second] = resumed.attempts;
    // The second attempt was queued by the resume, after the first ended, and then started.
    expect(Date.parse(second!.queuedAt)).toBeGreaterThanOrEqual(Date.parse(first!.endedAt!));
    expect(Date.parse(second!.startedAt!)).toBeGreaterThanOrEqual(Date.parse(second!.queuedAt));
    expect(second!.backend).toBe('wasm');
  });
});
