import { z } from 'zod';
import { fail, ok, type ErrorCode, type Reply, type ReplyError } from './envelope';
import { isLabEvent, type LabEvent } from './lab-api';

/**
 * The WebSocket wire format of browser mode: LabApi calls as JSON-RPC 2.0 requests, replies as
 * responses, lab events as notifications. Both ends encode and decode here so they cannot drift.
 */
export const RPC_PATH = '/rpc';

const rpcErrorNumbers: Record<ErrorCode, number> = {
  invalid_argument: -32602,
  unknown_method: -32601,
  internal: -32603,
  not_found: -32004,
  conflict: -32009,
  unavailable: -32003,
};
const errorCodeSchema = z.enum(Object.keys(rpcErrorNumbers) as [ErrorCode, ...ErrorCode[]]);

const idSchema = z.union([z.string(), z.number()]);
export type RpcId = z.infer<typeof idSchema>;

export const rpcRequestSchema = z.object({
  jsonrpc: z.literal('2.0'),
  id: idSchema,
  method: z.string(),
  params: z.unknown().optional(),
});
export type RpcRequest = z.infer<typeof rpcRequestSchema>;

const rpcSuccessSchema = z.object({ jsonrpc: z.literal('2.0'), id: idSchema, result: z.unknown() });
const rpcFailureSchema = z.object({
  jsonrpc: z.literal('2.0'),
  id: idSchema.nullable(),
  error: z.object({
    code: z.number().int(),
    message: z.string(),
    data: z.object({ code: errorCodeSchema, details: z.unknown().optional() }),
  }),
});
const rpcNotificationSchema = z.object({
  jsonrpc: z.literal('2.0'),
  method: z.string(),
  params: z.unknown(),
});

export type RpcResponse = z.infer<typeof rpcSuccessSchema> | z.infer<typeof rpcFailureSchema>;
export type RpcNotification = z.infer<typeof rpcNotificationSchema>;

export function encodeFailure(id: RpcId | null, error: ReplyError): RpcResponse {
  const { code, message, details } = error;
  return {
    jsonrpc: '2.0',
    id,
    error: {
      code: rpcErrorNumbers[code],
      message,
      data: details === undefined ? { code } : { code, details },
    },
  };
}

export function encodeReply(id: RpcId, reply: Reply<unknown>): RpcResponse {
  return reply.ok ? { jsonrpc: '2.0', id, result: reply.value } : encodeFailure(id, reply.error);
}

export function encodeEvent(event: LabEvent, payload: unknown): RpcNotification {
  return { jsonrpc: '2.0', method: event, params: payload };
}

/** What a client can receive: a reply to one of its calls, a lab event, or something unreadable. */
export type ServerMessage =
  | { kind: 'reply'; id: RpcId | null; reply: Reply<unknown> }
  | { kind: 'event'; event: LabEvent; payload: unknown }
  | { kind: 'unreadable'; why: string };

export function decodeServerMessage(raw: unknown): ServerMessage {
  const success = rpcSuccessSchema.safeParse(raw);
  if (success.success)
    return { kind: 'reply', id: success.data.id, reply: ok(success.data.result) };
  const failure = rpcFailureSchema.safeParse(raw);
  if (failure.success) {
    const { message, data } = failure.data.error;
    return { kind: 'reply', id: failure.data.id, reply: fail(data.code, message, data.details) };
  }
  const notification = rpcNotificationSchema.safeParse(raw);
  if (notification.success) {
    const { method, params } = notification.data;
    return isLabEvent(method)
      ? { kind: 'event', event: method, payload: params }
      : { kind: 'unreadable', why: `unknown event ${JSON.stringify(method)}` };
  }
  return { kind: 'unreadable', why: 'not a JSON-RPC 2.0 response or notification' };
}
