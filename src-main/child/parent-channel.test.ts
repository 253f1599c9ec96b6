import { afterEach, describe, expect, it } from 'vitest';
import { EventEmitter } from 'node:events';
import { openParentChannel } from './parent-channel';

/** What Electron's utilityProcess gives a child: process.parentPort with MessageEvent-style data. */
class FakeParentPort extends EventEmitter {
  posted: unknown[] = [];
  postMessage(message: unknown): void {
    this.posted.push(message);
  }
}

describe('openParentChannel', () => {
  afterEach(() => {
    delete (process as unknown as { parentPort?: unknown }).parentPort;
  });

  it('speaks through process.parentPort under Electron’s utilityProcess', async () => {
    const port = new FakeParentPort();
    (process as unknown as { parentPort: FakeParentPort }).parentPort = port;
    const channel = openParentChannel();
    const received: unknown[] = [];
    channel.onMessage((message) => received.push(message));
    port.emit('message', { data: { type: 'cancel' } });
    await channel.send({ type: 'log', level: 'info', message: 'hi' });
    expect(received).toEqual([{ type: 'cancel' }]);
    expect(port.posted).toEqual([{ type: 'log', level: 'info', message: 'hi' }]);
    channel.close();
    expect(port.listenerCount('message')).toBe(0);
  });
});
