import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { dispatch } from '@shared/contract/dispatch';
import { decodeServerMessage } from '@shared/contract/json-rpc';
import { Rng } from '@shared/random';
import type { LabCore } from '../lab/lab-core';
import { openTestLab, tempDataDir } from '../lab/testing/lab-fixture';
import { requireBuiltApp } from '../testing/built-app';
import { malformedFrames, oversizedFrame, type Frame } from './testing/malformed-frames';
import { startServeProcess, type ServeProcess } from './testing/serve-process';

const FRAMES = 3_000;
const MIB = 1024 * 1024;

type Outcome = { kind: 'reply'; raw: unknown } | { kind: 'closed'; code: number };

/** Sends one frame and waits for its reply (lab events in between are skipped) or the close. */
function exchange(socket: WebSocket, frame: Frame): Promise<Outcome> {
  return new Promise((resolve) => {
    const onMessage = (data: Buffer) => {
      const raw = JSON.parse(data.toString()) as unknown;
      if (decodeServerMessage(raw).kind === 'event') return;
      done();
      resolve({ kind: 'reply', raw });
    };
    const onClose = (code: number) => {
      done();
      resolve({ kind: 'closed', code });
    };
    const done = () => {
      socket.off('message', onMessage);
      socket.off('close', onClose);
    };
    socket.on('message', onMessage);
    socket.on('close', onClose);
    socket.send(frame.data, { binary: frame.binary });
  });
}

function expectEnvelope(raw: unknown, frame: Frame): void {
  const message = decodeServerMessage(raw);
  if (message.kind !== 'reply')
    throw new Error(`${frame.kind} got ${JSON.stringify(raw).slice(0, 300)}`);
}

describe('fuzzing a real basin serve', () => {
  let lab: ServeProcess;
  let cleanUp: () => void;

  beforeAll(async () => {
    requireBuiltApp();
    const temp = tempDataDir();
    cleanUp = temp.cleanUp;
    lab = await startServeProcess(temp.dataDir);
  });
  afterAll(async () => {
    await lab?.stop();
    cleanUp();
  });

  it(`answers ${FRAMES} malformed frames with envelopes and stays up`, async () => {
    let socket = await lab.connect();
    const counts: Record<string, number> = {};
    for (const frame of malformedFrames(20261206, FRAMES)) {
      const outcome = await exchange(socket, frame);
      counts[frame.kind] = (counts[frame.kind] ?? 0) + 1;
      if (outcome.kind === 'reply') expectEnvelope(outcome.raw, frame);
      else socket = await lab.connect();
    }
    expect(Object.keys(counts).length).toBeGreaterThanOrEqual(9);
    expect(lab.child.exitCode).toBeNull();
    socket.close();
  }, 120_000);

  it('answers a 20 MiB message with an error naming the 16 MiB limit and closes a 70 MiB frame alone', async () => {
    const socket = await lab.connect();
    const over = await exchange(socket, oversizedFrame(20 * MIB));
    expect(over.kind).toBe('reply');
    const reply = decodeServerMessage((over as { raw: unknown }).raw);
    expect(reply).toMatchObject({ reply: { ok: false, error: { code: 'invalid_argument' } } });
    expect(JSON.stringify(reply)).toContain('up to 16 MiB');

    const bystander = await lab.connect();
    const huge = await exchange(socket, oversizedFrame(70 * MIB));
    expect(huge).toEqual({ kind: 'closed', code: 1009 });
    // The other client and the lab are untouched.
    const after = await exchange(bystander, {
      kind: 'normal',
      data: JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'queue.get', params: {} }),
      binary: false,
    });
    expect(decodeServerMessage((after as { raw: unknown }).raw)).toMatchObject({
      id: 7,
      reply: { ok: true },
    });
    bystander.close();
    expect(lab.child.exitCode).toBeNull();
  }, 60_000);

  it('imports a 1.3 MB spec over the socket', async () => {
    const socket = await lab.connect();
    const spec = {
      schemaVersion: 1,
      name: 'large import',
      data: { source: { kind: 'builtin', dataset: 'spirals' } },
      model: { layers: [{ type: 'dense', units: 1, activation: 'sigmoid' }] },
      strategy: {
        restarts: {
          count: 2,
          randomSearch: [
            {
              path: 'optimization.optimizer.learningRate',
              values: Array.from({ length: 120_000 }, (_, i) => 0.001 + i * 1e-9),
            },
          ],
        },
      },
    };
    const data = JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'experiments.create',
      params: { spec },
    });
    expect(data.length).toBeGreaterThan(1.3e6);
    const outcome = await exchange(socket, { kind: 'import', data, binary: false });
    const reply = decodeServerMessage((outcome as { raw: unknown }).raw);
    if (reply.kind === 'reply' && !reply.reply.ok) throw new Error(reply.reply.error.message);
    expect(reply).toMatchObject({ id: 1, reply: { ok: true, value: { name: 'large import' } } });
    socket.close();
  }, 60_000);
});

describe('fuzzing dispatch in-process', () => {
  let lab: LabCore;
  let cleanUp: () => void;

  beforeAll(async () => {
    const temp = tempDataDir();
    cleanUp = temp.cleanUp;
    lab = await openTestLab(temp.dataDir);
  });
  afterAll(async () => {
    await lab?.close();
    cleanUp();
  });

  it(`folds ${FRAMES} malformed calls into envelopes`, async () => {
    const rng = Rng.fromSeed(7);
    for (const frame of malformedFrames(20261207, FRAMES)) {
      if (frame.binary) continue;
      let parsed: unknown;
      try {
        parsed = JSON.parse(frame.data.toString());
      } catch {
        continue;
      }
      const object = (parsed ?? {}) as { method?: unknown; params?: unknown };
      // Half the calls use the frame's method, half its whole body as params of a real method.
      const method = rng.uniform() < 0.5 ? object.method : 'experiments.validate';
      const reply = await dispatch(
        lab.handlers,
        method,
        rng.uniform() < 0.5 ? object.params : parsed,
      );
      expect(typeof reply.ok).toBe('boolean');
      if (!reply.ok) expect(reply.error.message.length).toBeGreaterThan(0);
    }
    const queue = await dispatch(lab.handlers, 'queue.get', {});
    expect(queue.ok).toBe(true);
  }, 120_000);
});
