import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { decodeServerMessage, RPC_PATH, type ServerMessage } from '@shared/contract/json-rpc';
import { startBrowserMode, type BrowserModeServer } from '../server/http-server';
import { requireBuiltApp } from '../testing/built-app';
import type { LabCore } from './lab-core';
import { example, openTestLab, spirals, tempDataDir } from './testing/lab-fixture';

let lab: LabCore;
let server: BrowserModeServer;
let cleanUp: () => void;

beforeAll(async () => {
  const temp = tempDataDir();
  cleanUp = temp.cleanUp;
  lab = await openTestLab(temp.dataDir);
  server = await startBrowserMode({
    core: lab,
    rendererDir: requireBuiltApp().rendererDir,
    host: '127.0.0.1',
    port: 0,
  });
});

afterAll(async () => {
  await server?.close();
  await lab?.close();
  cleanUp?.();
});

/** A socket to the lab, with every message it received so far and a way to wait for more. */
async function connect() {
  const socket = new WebSocket(
    `${server.origin.replace('http:', 'ws:')}${RPC_PATH}?token=${server.token}`,
    { origin: server.origin },
  );
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  const received: ServerMessage[] = [];
  const waiters: (() => void)[] = [];
  socket.on('message', (data) => {
    received.push(decodeServerMessage(JSON.parse(data.toString())));
    for (const wake of waiters.splice(0)) wake();
  });
  let nextId = 1;
  const until = async (found: () => boolean) => {
    while (!found()) await new Promise<void>((resolve) => waiters.push(resolve));
  };
  return {
    received,
    until,
    socket,
    async call(method: string, params: unknown) {
      const id = nextId++;
      socket.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
      await until(() => received.some((m) => m.kind === 'reply' && m.id === id));
      const message = received.find((m) => m.kind === 'reply' && m.id === id);
      if (message?.kind !== 'reply') throw new Error('no reply');
      return message.reply;
    },
  };
}

describe('the lab over browser mode', () => {
  it('rejects an invalid spec over the socket with every problem', async () => {
    const client = await connect();
    const spec = example('spirals-quick.json', (s) => ({
      ...s,
      name: '',
      training: { epochs: 0 },
    }));
    const reply = await client.call('experiments.create', { spec });
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.error.code).toBe('invalid_argument');
    expect((reply.error.details as { path: string }[]).map((p) => p.path)).toEqual([
      'name',
      'training.epochs',
    ]);
    const list = await client.call('experiments.list', {});
    expect(list).toEqual({ ok: true, value: { experiments: [] } });
    client.socket.close();
  });

  it('pushes run status, epoch progress and queue changes to every connected UI', async () => {
    const client = await connect();
    const created = await client.call('experiments.create', {
      spec: spirals('over the socket', 200, 2),
    });
    if (!created.ok) throw new Error(created.error.message);
    const launched = await client.call('experiments.launch', {
      id: (created.value as { id: number }).id,
    });
    expect(launched.ok).toBe(true);
    const events = () => client.received.flatMap((m) => (m.kind === 'event' ? [m] : []));
    await client.until(() =>
      events().some(
        (m) => m.event === 'run.status' && (m.payload as { status: string }).status === 'succeeded',
      ),
    );
    const names = new Set(events().map((m) => m.event));
    expect(names).toEqual(new Set(['run.status', 'run.epoch', 'queue.changed']));
    const statuses = events().flatMap((m) =>
      m.event === 'run.status' ? [(m.payload as { status: string }).status] : [],
    );
    expect(statuses).toEqual(['queued', 'running', 'succeeded']);
    client.socket.close();
  });
});
