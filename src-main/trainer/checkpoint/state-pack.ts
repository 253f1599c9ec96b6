/**
 * Serialises a state object to JSON plus one binary blob: typed arrays (weights, optimizer slots,
 * shuffled orders) go to the blob byte for byte, numbers that JSON cannot hold (NaN, ±Infinity)
 * are spelled out, and everything else is plain JSON — so a state read back is bit-identical.
 */

type Marker =
  | { $typed: 'float32' | 'uint32'; offset: number; length: number }
  | { $number: 'NaN' | 'Infinity' | '-Infinity' };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype
  );
}

export function packState(state: unknown): { json: string; binary: Uint8Array } {
  const chunks: Uint8Array[] = [];
  let offset = 0;
  const walk = (value: unknown): unknown => {
    if (value instanceof Float32Array || value instanceof Uint32Array) {
      const bytes = new Uint8Array(value.buffer, value.byteOffset, value.byteLength).slice();
      const marker: Marker = {
        $typed: value instanceof Float32Array ? 'float32' : 'uint32',
        offset,
        length: value.length,
      };
      chunks.push(bytes);
      offset += bytes.byteLength;
      return marker;
    }
    if (typeof value === 'number' && !Number.isFinite(value)) {
      return {
        $number: Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity',
      } satisfies Marker;
    }
    if (Array.isArray(value)) return value.map(walk);
    if (isPlainObject(value))
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)]));
    if (
      value === undefined ||
      value === null ||
      ['string', 'number', 'boolean'].includes(typeof value)
    )
      return value;
    throw new Error(`state pack: cannot store a ${Object.prototype.toString.call(value)}`);
  };
  const json = JSON.stringify(walk(state));
  const binary = new Uint8Array(offset);
  let at = 0;
  for (const chunk of chunks) {
    binary.set(chunk, at);
    at += chunk.byteLength;
  }
  return { json, binary };
}

export function unpackState(json: string, binary: Uint8Array): unknown {
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (!isPlainObject(value)) return value;
    if (typeof value.$typed === 'string') {
      const { $typed, offset, length } = value as Extract<Marker, { $typed: string }>;
      const bytes = binary.slice(offset, offset + length * 4);
      if (bytes.byteLength !== length * 4)
        throw new Error('state pack: the binary part is shorter than its index says');
      return $typed === 'float32' ? new Float32Array(bytes.buffer) : new Uint32Array(bytes.buffer);
    }
    if (typeof value.$number === 'string') return Number(value.$number);
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)]));
  };
  return walk(JSON.parse(json));
}
