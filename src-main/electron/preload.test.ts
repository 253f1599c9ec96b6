import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { DESKTOP_BRIDGE_KEYS, type DesktopBridge } from '@shared/contract/desktop-bridge';
import { requireBuiltApp } from '../testing/built-app';
import { EVENT_CHANNEL } from './channels';

/**
 * The built preload (out/preload/index.js) run in a fresh V8 context with the two Electron
 * modules it may use standing in as plain objects, so what it exposes is checked without the
 * Electron binary: the e2e spec checks the same keys inside a real window where one exists.
 */
function loadBuiltPreload() {
  const source = readFileSync(requireBuiltApp().preloadScript, 'utf8');
  const exposed = new Map<string, DesktopBridge>();
  const ipcRenderer = Object.assign(new EventEmitter(), {
    invoke: async (...args: unknown[]) => args,
  });
  const electron = {
    contextBridge: {
      exposeInMainWorld: (key: string, api: DesktopBridge) => exposed.set(key, api),
    },
    ipcRenderer,
  };
  const warnings: string[] = [];
  const module = { exports: {} };
  runInNewContext(source, {
    require: (name: string) => {
      if (name !== 'electron') throw new Error(`the preload required ${name}`);
      return electron;
    },
    module,
    exports: module.exports,
    console: { warn: (text: string) => warnings.push(text) },
  });
  return { exposed, ipcRenderer, warnings };
}

describe('the built preload', () => {
  it('exposes exactly window.basin with the desktop bridge keys', () => {
    const { exposed } = loadBuiltPreload();
    expect([...exposed.keys()]).toEqual(['basin']);
    expect(Object.keys(exposed.get('basin') ?? {}).sort()).toEqual([...DESKTOP_BRIDGE_KEYS]);
  });

  it('passes valid events on and drops malformed ones, as the WebSocket client does', () => {
    const { exposed, ipcRenderer, warnings } = loadBuiltPreload();
    const received: unknown[] = [];
    const off = exposed.get('basin')?.on('lab.ready', (payload) => received.push(payload));
    ipcRenderer.emit(EVENT_CHANNEL, {}, 'lab.ready', { startedAt: '2026-01-01T00:00:00Z' });
    ipcRenderer.emit(EVENT_CHANNEL, {}, 'lab.ready', { startedAt: 42 });
    ipcRenderer.emit(EVENT_CHANNEL, {}, 'queue.changed', { startedAt: 'x' });
    expect(received).toEqual([{ startedAt: '2026-01-01T00:00:00Z' }]);
    expect(warnings).toEqual(['Basin: ignored a malformed lab.ready.']);
    off?.();
    expect(ipcRenderer.listenerCount(EVENT_CHANNEL)).toBe(0);
  });
});
