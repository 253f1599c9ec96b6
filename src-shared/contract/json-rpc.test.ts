import { describe, expect, it } from 'vitest';
import { fail, ok } from './envelope';
import { decodeServerMessage, encodeEvent, encodeFailure, encodeReply } from './json-rpc';

function overTheWire(message: unknown): unknown {
  return JSON.parse(JSON.stringify(message));
}

describe('JSON-RPC wire format', () => {
  it('carries a value reply to the client unchanged', () => {
    const wire = overTheWire(encodeReply(7, ok({ cores: 2 })));
    expect(wire).toEqual({ jsonrpc: '2.0', id: 7, result: { cores: 2 } });
    expect(decodeServerMessage(wire)).toEqual({ kind: 'reply', id: 7, reply: ok({ cores: 2 }) });
  });

  it('carries an error reply as a JSON-RPC error with the lab code and details', () => {
    const reply = fail('invalid_argument', 'Invalid arguments', [{ path: 'x' }]);
    const wire = overTheWire(encodeReply('a', reply));
    expect(wire).toMatchObject({ id: 'a', error: { code: -32602, message: 'Invalid arguments' } });
    expect(decodeServerMessage(wire)).toEqual({ kind: 'reply', id: 'a', reply });
  });

  it('answers an unreadable request with a null id', () => {
    const wire = overTheWire(
      encodeFailure(null, { code: 'invalid_argument', message: 'not JSON' }),
    );
    expect(decodeServerMessage(wire)).toEqual({
      kind: 'reply',
      id: null,
      reply: fail('invalid_argument', 'not JSON'),
    });
  });

  it('decodes lab events and refuses unknown events and foreign shapes', () => {
    const payload = { startedAt: '2025-01-01T00:00:00.000Z' };
    expect(decodeServerMessage(overTheWire(encodeEvent('lab.ready', payload)))).toEqual({
      kind: 'event',
      event: 'lab.ready',
      payload,
    });
    expect(decodeServerMessage({ jsonrpc: '2.0', method: 'lab.gone', params: {} })).toEqual({
      kind: 'unreadable',
      why: 'unknown event "lab.gone"',
    });
    expect(decodeServerMessage({ id: 1, result: 2 }).kind).toBe('unreadable');
  });
});
