import { labMethods } from '@shared/contract/lab-api';
import { Rng } from '@shared/random';

/** One frame a fuzzing client sends: text or binary, and which kind of abuse it is. */
export interface Frame {
  kind: string;
  data: string | Buffer;
  binary: boolean;
}

const methodNames = Object.keys(labMethods);
const keyPool = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'id',
  'ids',
  'experimentId',
  'runIds',
  'spec',
  'source',
  'path',
  'dir',
  'kind',
  'keys',
  'name',
  'params',
  'x',
  'resolution',
  '',
];
const oddStrings = [
  '',
  '__proto__',
  '\u0000',
  '\ud800',
  '🧪実験',
  '../../etc/passwd',
  '/tmp',
  'NaN',
  'x'.repeat(10_000),
];
const oddNumbers = [0, -0, -1, 1.5, 2 ** 53 + 2, -(2 ** 63), 1e308, 5e-324, 2 ** 31, 1];

function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[rng.integer(0, items.length)]!;
}

/** A random JSON value (as text), at most `depth` levels deep. */
function jsonValue(rng: Rng, depth: number): string {
  const choice = rng.integer(0, depth > 0 ? 8 : 5);
  switch (choice) {
    case 0:
      return pick(rng, ['null', 'true', 'false']);
    case 1:
      return JSON.stringify(pick(rng, oddNumbers));
    case 2:
      // Numbers JSON can write but a double cannot hold.
      return pick(rng, ['1e400', '-1e400', '123456789012345678901234567890', '1E-400', '-0.0']);
    case 3:
    case 4:
      return JSON.stringify(pick(rng, oddStrings));
    case 5:
      return `[${Array.from({ length: rng.integer(0, 4) }, () => jsonValue(rng, depth - 1)).join(',')}]`;
    default: {
      const entries = Array.from(
        { length: rng.integer(0, 5) },
        () => `${JSON.stringify(pick(rng, keyPool))}:${jsonValue(rng, depth - 1)}`,
      );
      return `{${entries.join(',')}}`;
    }
  }
}

function request(id: string, method: string, params: string | null): string {
  const withParams = params === null ? '' : `,"params":${params}`;
  return `{"jsonrpc":"2.0","id":${id},"method":${method}${withParams}}`;
}

const nest = (depth: number, open: string, close: string, inner: string) =>
  `${open.repeat(depth)}${inner}${close.repeat(depth)}`;

type Maker = (rng: Rng, n: number) => Frame;

const makers: Record<string, Maker> = {
  invalidJson: (rng, n) => {
    const valid = request(String(n), JSON.stringify(pick(rng, methodNames)), jsonValue(rng, 3));
    const cut = valid.slice(0, rng.integer(0, valid.length));
    const bytes = Buffer.from(
      Array.from({ length: rng.integer(1, 64) }, () => rng.integer(0, 256)),
    );
    return {
      kind: 'invalidJson',
      data: rng.uniform() < 0.5 ? cut : bytes.toString('latin1'),
      binary: false,
    };
  },
  wrongEnvelopeTypes: (rng) => {
    const field = () => jsonValue(rng, 2);
    return {
      kind: 'wrongEnvelopeTypes',
      data: `{"jsonrpc":${field()},"id":${field()},"method":${field()},"params":${field()}}`,
      binary: false,
    };
  },
  notAnObject: (rng) => ({ kind: 'notAnObject', data: jsonValue(rng, 0), binary: false }),
  unknownMethod: (rng, n) => ({
    kind: 'unknownMethod',
    data: request(
      String(n),
      JSON.stringify(
        pick(rng, ['system.reboot', '', '__proto__', 'constructor', 'runs.list.x', 'toString']),
      ),
      jsonValue(rng, 2),
    ),
    binary: false,
  }),
  wrongParams: (rng, n) => ({
    kind: 'wrongParams',
    data: request(String(n), JSON.stringify(pick(rng, methodNames)), jsonValue(rng, 4)),
    binary: false,
  }),
  deepNesting: (rng, n) => {
    const depth = pick(rng, [1_000, 10_000, 100_000]);
    const params =
      rng.uniform() < 0.5 ? nest(depth, '[', ']', '1') : nest(depth, '{"a":', '}', '1');
    return {
      kind: 'deepNesting',
      data: request(String(n), JSON.stringify(pick(rng, methodNames)), `{"spec":${params}}`),
      binary: false,
    };
  },
  hugeNumbers: (rng) => ({
    kind: 'hugeNumbers',
    data: request(
      pick(rng, ['1e400', '-1e400', '1e308', '123456789012345678901234567890']),
      JSON.stringify(pick(rng, methodNames)),
      `{"id":${pick(rng, ['1e400', '9007199254740993', '-1e308'])},"experimentId":1e999}`,
    ),
    binary: false,
  }),
  protoKeys: (rng, n) => ({
    kind: 'protoKeys',
    data: pick(rng, [
      `{"jsonrpc":"2.0","id":${n},"method":"experiments.create","params":{"__proto__":{"spec":{"name":"polluted"}}}}`,
      `{"jsonrpc":"2.0","id":${n},"method":"runs.list","params":{"constructor":{"prototype":{"polluted":1}}}}`,
      `{"__proto__":{"jsonrpc":"2.0","id":${n},"method":"queue.get"}}`,
      `{"jsonrpc":"2.0","id":${n},"method":"__proto__","params":{"__proto__":null}}`,
    ]),
    binary: false,
  }),
  binary: (rng) => ({
    kind: 'binary',
    data: Buffer.from(Array.from({ length: rng.integer(0, 256) }, () => rng.integer(0, 256))),
    binary: true,
  }),
};

/** `count` seeded frames cycling through every kind of abuse, so each kind appears many times. */
export function malformedFrames(seed: number, count: number): Frame[] {
  const rng = Rng.fromSeed(seed);
  const kinds = Object.values(makers);
  return Array.from({ length: count }, (_, n) => kinds[n % kinds.length]!(rng, n));
}

/** A text frame of `bytes` bytes: a valid request whose only fault is its size. */
export function oversizedFrame(bytes: number): Frame {
  const head =
    '{"jsonrpc":"2.0","id":"big","method":"experiments.validate","params":{"spec":{"description":"';
  const tail = '"}}}';
  return {
    kind: 'oversized',
    data: `${head}${'x'.repeat(bytes - head.length - tail.length)}${tail}`,
    binary: false,
  };
}
