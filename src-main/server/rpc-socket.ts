import { dispatch } from '@shared/contract/dispatch';
import {
  encodeEvent,
  encodeFailure,
  encodeReply,
  rpcRequestSchema,
  type RpcId,
  type RpcResponse,
} from '@shared/contract/json-rpc';
import { describeZodIssues } from '@shared/contract/zod-issues';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import type { LabCore } from '../lab/lab-core';

/**
 * The largest request the lab reads: room for an experiment spec with a long random-search list
 * (an imported spec of a few MB), far above any other call.
 */
export const MESSAGE_LIMIT_BYTES = 16 * 1024 * 1024;
/**
 * Frames up to this size are read and answered with an error naming the limit; a larger one
 * closes its socket unread, so one client cannot make the lab buffer without bound.
 */
const FRAME_LIMIT_BYTES = 4 * MESSAGE_LIMIT_BYTES;
const MIB = 1024 * 1024;

function send(socket: WebSocket, message: unknown): void {
  if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
}

function refuse(id: RpcId | null, message: string): RpcResponse {
  return encodeFailure(id, { code: 'invalid_argument', message });
}

function frameBytes(data: RawData): number {
  if (Array.isArray(data)) return data.reduce((sum, part) => sum + part.length, 0);
  return data instanceof ArrayBuffer ? data.byteLength : data.length;
}

/** The id of a request that failed validation, when it names one, so the client can match it. */
function idOf(raw: unknown): RpcId | null {
  if (raw === null || typeof raw !== 'object') return null;
  const id = (raw as { id?: unknown }).id;
  return typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id)) ? id : null;
}

async function answer(core: LabCore, data: RawData, isBinary: boolean): Promise<RpcResponse> {
  if (isBinary) return refuse(null, 'Binary frames are not accepted; send JSON-RPC as text.');
  const bytes = frameBytes(data);
  if (bytes > MESSAGE_LIMIT_BYTES) {
    return refuse(
      null,
      `The message is ${(bytes / MIB).toFixed(1)} MiB; the lab accepts messages up to ${MESSAGE_LIMIT_BYTES / MIB} MiB.`,
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(data.toString());
  } catch {
    return refuse(null, 'The message is not JSON.');
  }
  const request = rpcRequestSchema.safeParse(raw);
  if (!request.success) {
    const problems = describeZodIssues(request.error.issues, raw);
    const message = `Not a JSON-RPC 2.0 request: ${problems.map((p) => p.text).join('; ')}`;
    return encodeFailure(idOf(raw), { code: 'invalid_argument', message, details: problems });
  }
  const { id, method, params } = request.data;
  return encodeReply(id, await dispatch(core.handlers, method, params));
}

function sendAnswer(core: LabCore, socket: WebSocket, data: RawData, isBinary: boolean): void {
  answer(core, data, isBinary)
    .catch((error: unknown) =>
      // Whatever a message provokes (a stack overflow on absurd nesting, say) is that call's failure.
      encodeFailure(null, {
        code: 'internal',
        message: `The lab could not answer this message: ${error instanceof Error ? error.message : String(error)}`,
      }),
    )
    .then((response) => send(socket, response))
    .catch(() => socket.terminate());
}

/**
 * The LabApi over WebSocket: each text frame is one JSON-RPC request answered through `dispatch`,
 * and every lab event goes to every open socket as a notification. Nothing a client sends can end
 * the lab: a message it cannot read gets an error reply, and a socket that fails is closed alone.
 */
export function createRpcSocketServer(core: LabCore): WebSocketServer {
  const sockets = new WebSocketServer({ noServer: true, maxPayload: FRAME_LIMIT_BYTES });
  const unsubscribe = core.events.subscribe(({ event, payload }) => {
    const notification = JSON.stringify(encodeEvent(event, payload));
    for (const socket of sockets.clients) {
      if (socket.readyState === WebSocket.OPEN) socket.send(notification);
    }
  });
  sockets.on('close', unsubscribe);
  sockets.on('error', () => undefined);
  sockets.on('connection', (socket) => {
    // ws closes the failed socket itself (1009 for an oversized frame, 1002 for a protocol error);
    // without a listener its error would be thrown and end the process.
    socket.on('error', () => undefined);
    socket.on('message', (data, isBinary) => sendAnswer(core, socket, data, isBinary));
  });
  return sockets;
}
