import { describe, expect, it } from 'vitest';
import { SerialRequests } from './serial-requests';

function deferred() {
  let settle = () => {};
  const promise = new Promise<void>((resolve) => (settle = resolve));
  return { promise, settle };
}

describe('SerialRequests', () => {
  it('runs one request at a time and then only the latest of those asked meanwhile', async () => {
    const serial = new SerialRequests();
    const started: string[] = [];
    const first = deferred();
    serial.ask(() => (started.push('first'), first.promise));
    serial.ask(() => (started.push('second'), Promise.resolve()));
    serial.ask(() => (started.push('third'), Promise.resolve()));
    expect(started).toEqual(['first']);
    first.settle();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(started).toEqual(['first', 'third']);
  });
});
