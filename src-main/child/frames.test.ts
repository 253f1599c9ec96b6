import { describe, expect, it } from 'vitest';
import { encodeFrame, FrameReader, MAX_FRAME_BYTES } from './frames';

describe('frames', () => {
  it('reassembles frames split at any byte and several in one chunk', () => {
    const values = [{ kind: 'hello', token: 'é'.repeat(20) }, { n: 1 }, [1, 2, 3]];
    const bytes = new Uint8Array(values.flatMap((v) => [...encodeFrame(v)]));
    for (let cut = 0; cut <= bytes.length; cut += 1) {
      const reader = new FrameReader();
      const out = [...reader.push(bytes.subarray(0, cut)), ...reader.push(bytes.subarray(cut))];
      expect(out).toEqual(values);
    }
  });

  it('refuses a length no Basin peer would send', () => {
    const header = new Uint8Array(4);
    new DataView(header.buffer).setUint32(0, MAX_FRAME_BYTES + 1);
    expect(() => new FrameReader().push(header)).toThrow(/over the 67108864-byte limit/);
  });
});
