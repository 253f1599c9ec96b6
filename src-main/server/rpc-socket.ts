import { dispatch } from '@shared/contract/dispatch';
import {
  encodeEvent,
  encodeFailure,
  encodeReply,
  rpcRequestSchema,
} from '@shared/contract/json-rpc';
import { describeZodIssues } from '@shared/contract/zod-issues';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import type { LabCore } from '../lab/lab-core';

function send(socket: WebSocket, message: unknown): void {
  if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
}

async function answer(core: LabCore, socket: WebSocket, data: RawData): Promise<void> {
  let raw: unknown;
  try {
    raw = JSON.parse(data.toString());
  } catch {
    send(
      socket,
      encodeFailure(null, { code: 'invalid_argument', message: 'The message is not JSON.' }),
    );
    return;
  }
  const request = rpcRequestSchema.safeParse(raw);
  if (!request.success) {
    const problems = describeZodIssues(request.error.issues, raw);
    const message = `Not a JSON-RPC 2.0 request: ${problems.map((p) => p.text).join('; ')}`;
    send(socket, encodeFailure(null, { code: 'invalid_argument', message, details: problems }));
    return;
  }
  const { id, method, params } = request.data;
  send(socket, encodeReply(id, await dispatch(core.handlers, method, params)));
}

/**
 * The LabApi over WebSocket: each text frame is one JSON-RPC request answered through `dispatch`,
 * and every lab event goes to every open socket as a notification.
 */
export function createRpcSocketServer(core: LabCore): WebSocketServer {
  const sockets = new WebSocketServer({ noServer: true, maxPayload: 1 << 20 });
  const unsubscribe = core.events.subscribe(({ event, payload }) => {
    const notification = JSON.stringify(encodeEvent(event, payload));
    for (const socket of sockets.clients) {
      if (socket.readyState === WebSocket.OPEN) socket.send(notification);
    }
  });
  sockets.on('close', unsubscribe);
  sockets.on('connection', (socket) => {
    socket.on('message', (data) => void answer(core, socket, data));
  });
  return sockets;
}
