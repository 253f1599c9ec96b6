/**
 * Length-prefixed JSON frames: a 4-byte big-endian byte count, then that many bytes of UTF-8 JSON.
 * Frames larger than MAX_FRAME_BYTES are refused (a peer that is not speaking this protocol).
 */
export const MAX_FRAME_BYTES = 64 * 1024 * 1024;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function encodeFrame(value: unknown): Uint8Array {
  const body = encoder.encode(JSON.stringify(value));
  const frame = new Uint8Array(4 + body.length);
  new DataView(frame.buffer).setUint32(0, body.length);
  frame.set(body, 4);
  return frame;
}

/** Collects bytes as they arrive and returns every whole frame they complete. */
export class FrameReader {
  private pending = new Uint8Array(0);

  push(chunk: Uint8Array): unknown[] {
    const joined = new Uint8Array(this.pending.length + chunk.length);
    joined.set(this.pending);
    joined.set(chunk, this.pending.length);
    const frames: unknown[] = [];
    let offset = 0;
    while (joined.length - offset >= 4) {
      const length = new DataView(joined.buffer, offset, 4).getUint32(0);
      if (length > MAX_FRAME_BYTES) {
        throw new Error(`A frame of ${length} bytes is over the ${MAX_FRAME_BYTES}-byte limit.`);
      }
      if (joined.length - offset - 4 < length) break;
      frames.push(JSON.parse(decoder.decode(joined.subarray(offset + 4, offset + 4 + length))));
      offset += 4 + length;
    }
    this.pending = joined.slice(offset);
    return frames;
  }
}
