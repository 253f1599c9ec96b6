import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { spirals, tempDataDir } from '../lab/testing/lab-fixture';
import { requireBuiltApp } from '../testing/built-app';
import { startServeProcess, type ServeProcess } from './testing/serve-process';

const CLIENTS = 50;
const RUNS = 4;
const EPOCHS = 15;

/** Resident memory of a process in MB, from /proc. */
function residentMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

interface Client {
  socket: WebSocket;
  /** Epochs received per run, in arrival order. */
  epochs: Map<number, number[]>;
  finished: Set<number>;
}

function watch(socket: WebSocket): Client {
  const client: Client = { socket, epochs: new Map(), finished: new Set() };
  socket.on('message', (data: Buffer) => {
    const message = JSON.parse(data.toString()) as {
      method?: string;
      params?: { runId: number; epoch: number; status: string };
    };
    if (message.method === 'run.epoch') {
      const { runId, epoch } = message.params!;
      client.epochs.set(runId, [...(client.epochs.get(runId) ?? []), epoch]);
    }
    if (message.method === 'run.status' && message.params!.status === 'succeeded')
      client.finished.add(message.params!.runId);
  });
  return client;
}

function rpc(socket: WebSocket, id: number, method: string, params: unknown): Promise<unknown> {
  return new Promise((resolve) => {
    const onMessage = (data: Buffer) => {
      const message = JSON.parse(data.toString()) as { id?: number; result?: unknown };
      if (message.id !== id) return;
      socket.off('message', onMessage);
      resolve(message.result);
    };
    socket.on('message', onMessage);
    socket.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
  });
}

describe(`load: ${CLIENTS} WebSocket clients while ${RUNS} runs train (real basin serve)`, () => {
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

  it('delivers every run.epoch to every client in order, with bounded lab memory', async () => {
    const clients = await Promise.all(
      Array.from({ length: CLIENTS }, async () => watch(await lab.connect())),
    );
    const pid = lab.child.pid!;
    const before = residentMb(pid);
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, residentMb(pid))), 100);
    const { id } = (await rpc(clients[0]!.socket, 1, 'experiments.create', {
      spec: spirals('load', 300, EPOCHS, RUNS),
    })) as { id: number };
    const { runIds } = (await rpc(clients[0]!.socket, 2, 'experiments.launch', { id })) as {
      runIds: number[];
    };
    await expect
      .poll(() => clients.every((c) => c.finished.size === RUNS), { timeout: 90_000 })
      .toBe(true);
    clearInterval(sampler);
    const after = residentMb(pid);
    const expected = Array.from({ length: EPOCHS }, (_, i) => i + 1);
    for (const client of clients) {
      for (const runId of runIds) expect(client.epochs.get(runId)).toEqual(expected);
      client.socket.close();
    }
    process.stdout.write(
      `load: ${CLIENTS} clients, ${RUNS}×${EPOCHS} epochs; lab RSS ${before.toFixed(0)} MB before, peak ${peak.toFixed(0)} MB, ${after.toFixed(0)} MB after\n`,
    );
    expect(peak - before).toBeLessThan(200);
    expect(lab.child.exitCode).toBeNull();
  }, 120_000);
});
