import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { decodeServerMessage, RPC_PATH, type ServerMessage } from '@shared/contract/json-rpc';
import { systemInfoSchema } from '@shared/contract/system';
import { createLabCore, type LabCore } from '../lab/lab-core';
import { requireBuiltApp } from '../testing/built-app';
import { startBrowserMode, type BrowserModeServer } from './http-server';

let core: LabCore;
let server: BrowserModeServer;
let dataDir: string;

beforeAll(async () => {
  const paths = requireBuiltApp();
  dataDir = join(mkdtempSync(join(tmpdir(), 'basin-serve-')), 'data');
  core = await createLabCore({
    dataDir,
    probeScript: paths.probeScript,
    trainerScript: paths.trainerScript,
    evaluatorScript: paths.evaluatorScript,
    landscapeScript: paths.landscapeScript,
    resourcesDir: paths.resourcesDir,
  });
  server = await startBrowserMode({
    core,
    rendererDir: paths.rendererDir,
    host: '127.0.0.1',
    port: 0,
  });
});

afterAll(async () => {
  await server?.close();
  await core?.close();
});

function socketUrl(query = `?token=${server.token}`): string {
  return `${server.origin.replace('http:', 'ws:')}${RPC_PATH}${query}`;
}

/** Opens a WebSocket and resolves with it, or rejects with the HTTP status that refused it. */
function connect(url: string, origin?: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, origin === undefined ? {} : { origin });
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_request, response) =>
      reject(new Error(`HTTP ${response.statusCode}`)),
    );
    socket.once('error', reject);
  });
}

function nextMessage(socket: WebSocket): Promise<ServerMessage> {
  return new Promise((resolve) =>
    socket.once('message', (data) => resolve(decodeServerMessage(JSON.parse(data.toString())))),
  );
}

describe('browser mode over HTTP (integration)', () => {
  it('creates the data folder and prints a tokenized loopback URL', () => {
    expect(existsSync(dataDir)).toBe(true);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{32}$/);
  });

  it('answers 401 without the token, and with a wrong one', async () => {
    for (const path of ['/', '/index.html', '/?token=wrong']) {
      const response = await fetch(`${server.origin}${path}`);
      expect(response.status).toBe(401);
      expect(await response.text()).toMatch(/access token/);
    }
  });

  it('serves the app with the token, a strict CSP and an HttpOnly SameSite cookie', async () => {
    const response = await fetch(server.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(response.headers.get('set-cookie')).toBe(
      `basin_token=${server.token}; HttpOnly; SameSite=Strict; Path=/`,
    );
    expect(await response.text()).toContain('<div id="app"></div>');
  });

  it('serves assets to the cookie alone, with their content types', async () => {
    const html = await (await fetch(server.url)).text();
    const script = /src="\.(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    const style = /href="\.(\/assets\/[^"]+\.css)"/.exec(html)?.[1];
    const cookie = { cookie: `basin_token=${server.token}` };
    const js = await fetch(`${server.origin}${script}`, { headers: cookie });
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const css = await fetch(`${server.origin}${style}`, { headers: cookie });
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect((await fetch(`${server.origin}${script}`)).status).toBe(401);
  });

  it('serves nothing outside the renderer folder', async () => {
    const cookie = { cookie: `basin_token=${server.token}` };
    for (const path of ['/..%2fpackage.json', '/%2e%2e/%2e%2e/package.json', '/missing.js']) {
      expect((await fetch(`${server.origin}${path}`, { headers: cookie })).status).toBe(404);
    }
  });
});

describe('browser mode over WebSocket JSON-RPC (integration)', () => {
  it('answers system.info with this machine, valid against the contract', async () => {
    const socket = await connect(socketUrl(), server.origin);
    const reply = nextMessage(socket);
    socket.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'system.info', params: {} }));
    const message = await reply;
    socket.close();
    if (message.kind !== 'reply' || !message.reply.ok) throw new Error(JSON.stringify(message));
    expect(message.id).toBe(1);
    const info = systemInfoSchema.parse(message.reply.value);
    expect(info.backends.find((backend) => backend.name === 'wasm')?.available).toBe(true);
  });

  it('validates arguments and names the method it does not know', async () => {
    const socket = await connect(socketUrl(), server.origin);
    const bad = nextMessage(socket);
    socket.send(JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'system.info', params: { x: 1 } }));
    expect(await bad).toMatchObject({
      id: 2,
      reply: { ok: false, error: { code: 'invalid_argument' } },
    });
    const unknown = nextMessage(socket);
    socket.send(JSON.stringify({ jsonrpc: '2.0', id: 3, method: 'system.reboot' }));
    expect(await unknown).toMatchObject({
      id: 3,
      reply: {
        ok: false,
        error: { code: 'unknown_method', message: 'Unknown method "system.reboot".' },
      },
    });
    const garbage = nextMessage(socket);
    socket.send('not json');
    expect(await garbage).toMatchObject({ id: null, reply: { ok: false } });
    socket.close();
  });

  it('broadcasts lab events as notifications', async () => {
    const socket = await connect(socketUrl(), server.origin);
    const event = nextMessage(socket);
    core.events.emit('lab.ready', { startedAt: '2025-01-01T00:00:00.000Z' });
    expect(await event).toEqual({
      kind: 'event',
      event: 'lab.ready',
      payload: { startedAt: '2025-01-01T00:00:00.000Z' },
    });
    socket.close();
  });

  it('accepts the cookie instead of the token in the URL', async () => {
    const socket = new WebSocket(socketUrl(''), {
      origin: server.origin,
      headers: { cookie: `basin_token=${server.token}` },
    });
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    socket.close();
  });

  it('refuses an upgrade without the token, or from a foreign origin', async () => {
    await expect(connect(socketUrl(''), server.origin)).rejects.toThrow('HTTP 401');
    await expect(connect(socketUrl('?token=wrong'), server.origin)).rejects.toThrow('HTTP 401');
    await expect(connect(socketUrl(), 'http://evil.example')).rejects.toThrow('HTTP 403');
    await expect(connect(socketUrl(), 'http://127.0.0.1:1')).rejects.toThrow('HTTP 403');
  });
});
