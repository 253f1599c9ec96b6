import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { QueueState } from '@shared/contract/runs';
import { expandRuns, resolve, type BackendPreference } from '@shared/experiment';
import { buildDevicePool, type DeviceSlot } from '@shared/scheduling/device-pool';
import { openStore, type Store } from '../store/open-store';
import type { RunsRepository } from '../store/runs-repository';
import { exampleSpec } from '../store/testing/seed';
import { createScheduler, deviceRequirement, type RunSession } from './scheduler';

interface FakeSession extends RunSession {
  runId: number;
  slot: DeviceSlot;
  cancelled: boolean;
  end(status: 'succeeded' | 'cancelled'): Promise<void>;
}

let dir: string;
let store: Store;
let runs: RunsRepository;
let experimentId: number;
let sessions: FakeSession[];
let states: QueueState[];

function queueRuns(count: number, backend: BackendPreference = 'auto', priority = 0): number[] {
  const spec = exampleSpec('scheduler test', count);
  const planned = expandRuns(resolve({ ...spec, training: { ...spec.training, backend } }));
  return runs.createQueued(experimentId, 1, planned, priority).map((run) => run.id);
}

function schedulerOn(pool: DeviceSlot[]) {
  return createScheduler({
    pool,
    runs,
    onChange: (state) => states.push(state),
    startSession: (run, slot) => {
      let settle: () => void = () => undefined;
      const finished = new Promise<void>((resolve) => (settle = resolve));
      const session: FakeSession = {
        runId: run.id,
        slot,
        cancelled: false,
        finished,
        cancel: () => {
          session.cancelled = true;
        },
        end: async (status) => {
          runs.start(run.id, { backend: 'wasm', device: slot.id });
          runs.finish(run.id, status);
          settle();
          await finished;
          await Promise.resolve();
        },
      };
      sessions.push(session);
      return session;
    },
  });
}

const cpuPool = (slots: number) =>
  buildDevicePool({ gpus: [], useGpus: null, slotsPerGpu: 1, cpuSlots: slots });

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'basin-scheduler-'));
  store = openStore(dir);
  experimentId = store.experiments.create(exampleSpec('scheduler test')).id;
  runs = store.runs;
  sessions = [];
  states = [];
});

afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('createScheduler', () => {
  it('fills every free slot and starts the next run when one ends', async () => {
    const ids = queueRuns(3);
    const scheduler = schedulerOn(cpuPool(2));
    scheduler.poke();
    expect(sessions.map((s) => [s.runId, s.slot.id])).toEqual([
      [ids[0], 'cpu:0'],
      [ids[1], 'cpu:1'],
    ]);
    expect(scheduler.state()).toMatchObject({ queued: 1, running: 2, order: [ids[2]] });

    await sessions[1]!.end('succeeded');
    expect(sessions.map((s) => [s.runId, s.slot.id])[2]).toEqual([ids[2], 'cpu:1']);
    expect(states.at(-1)).toMatchObject({ queued: 0, running: 2 });
  });

  it('starts nothing while paused and catches up on resume', () => {
    queueRuns(2);
    const scheduler = schedulerOn(cpuPool(1));
    expect(scheduler.pause().paused).toBe(true);
    scheduler.poke();
    expect(sessions).toHaveLength(0);
    expect(scheduler.resume()).toMatchObject({ paused: false, running: 1, queued: 1 });
    expect(sessions).toHaveLength(1);
  });

  it('starts higher priority first and follows a reorder', () => {
    const [a, b, c] = queueRuns(3);
    const scheduler = schedulerOn(cpuPool(1));
    scheduler.pause();
    scheduler.setPriority(c!, 5);
    expect(scheduler.state().order).toEqual([c, a, b]);
    expect(scheduler.reorder(b!, 0).order).toEqual([b, c, a]);
    scheduler.resume();
    expect(sessions[0]?.runId).toBe(b);
  });

  it('refuses to move a run that is not queued', () => {
    const [a] = queueRuns(1);
    const scheduler = schedulerOn(cpuPool(1));
    scheduler.poke();
    expect(() => scheduler.reorder(a!, 0)).toThrow(
      `Run ${a} is queued; only queued runs can be moved.`,
    );
  });

  it('cancels a queued run at once and asks a running one to stop', () => {
    const [a, b] = queueRuns(2);
    const scheduler = schedulerOn(cpuPool(1));
    scheduler.poke();
    scheduler.cancel(b!);
    expect(runs.get(b!).status).toBe('cancelled');
    scheduler.cancel(a!);
    expect(sessions[0]?.cancelled).toBe(true);
  });

  it('keeps GPU-only runs waiting for a GPU while CPU runs start', () => {
    const pool = buildDevicePool({
      gpus: [{ index: 0, name: 'G' }],
      useGpus: null,
      slotsPerGpu: 1,
      cpuSlots: 1,
    });
    const [g1, g2] = queueRuns(2, 'tensorflow-gpu', 1);
    const [c1] = queueRuns(1, 'wasm');
    const scheduler = schedulerOn(pool);
    scheduler.poke();
    expect(sessions.map((s) => [s.runId, s.slot.id])).toEqual([
      [g1, 'gpu0:0'],
      [c1, 'cpu:0'],
    ]);
    expect(scheduler.state().order).toEqual([g2]);
  });

  it('settles idle once every run has ended', async () => {
    queueRuns(2);
    const scheduler = schedulerOn(cpuPool(1));
    scheduler.poke();
    let idle = false;
    const waiting = scheduler.idle().then(() => (idle = true));
    await sessions[0]!.end('succeeded');
    expect(idle).toBe(false);
    await sessions[1]!.end('succeeded');
    await waiting;
    expect(idle).toBe(true);
  });

  it('refuses an experiment the pool can never run', () => {
    const scheduler = schedulerOn(cpuPool(1));
    expect(() => scheduler.checkPlaceable({ training: { backend: 'tensorflow-gpu' } })).toThrow(
      'This experiment cannot run here: it needs a GPU and the device pool has no GPU slot.',
    );
  });
});

describe('deviceRequirement', () => {
  it('maps the backend a spec asks for to the slots it can use', () => {
    expect(deviceRequirement({ training: { backend: 'auto' } })).toBe('any');
    expect(deviceRequirement({ training: { backend: 'tensorflow-gpu' } })).toBe('gpu');
    expect(deviceRequirement({ training: { backend: 'wasm' } })).toBe('cpu');
    expect(deviceRequirement({})).toBe('any');
  });
});
