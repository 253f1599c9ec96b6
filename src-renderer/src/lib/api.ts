import { assertNever, fail, type Reply } from '@shared/contract/envelope';
import type { DesktopBridge } from '@shared/contract/desktop-bridge';
import { decodeServerMessage, RPC_PATH, type RpcId } from '@shared/contract/json-rpc';
import {
  labEvents,
  type LabApi,
  type LabEvent,
  type LabMethod,
  type ParamsOf,
  type ResultOf,
} from '@shared/contract/lab-api';

/**
 * The only renderer file that knows how the lab is reached: the Electron preload's bridge when the
 * app runs in Electron, else JSON-RPC over a WebSocket to browser mode. Views see a LabApi.
 */
declare global {
  interface Window {
    /** Set by the Electron preload; absent in a browser. */
    basin?: DesktopBridge;
  }
}

const FIRST_RETRY_MS = 250;
const LONGEST_RETRY_MS = 10_000;
/** How long a call waits for a connection before it tells the view the lab is unreachable. */
const CONNECT_WAIT_MS = 8_000;

function rpcUrl(page: Location): string {
  const scheme = page.protocol === 'https:' ? 'wss:' : 'ws:';
  // The server also accepts its cookie, but a token in the page URL is the one the person opened.
  const token = new URLSearchParams(page.search).get('token');
  const query = token === null ? '' : `?token=${encodeURIComponent(token)}`;
  return `${scheme}//${page.host}${RPC_PATH}${query}`;
}

/**
 * Whether the lab answers: reconnecting while the socket is down, unauthorized when the server
 * answers but refuses this page's token (a restarted `basin serve` prints a new one).
 */
export type LinkState = 'connected' | 'reconnecting' | 'unauthorized';

interface LabConnection {
  api: LabApi;
  /** Calls the handler whenever the lab is reachable again after a drop; returns its remover. */
  onReconnect: (handler: () => void) => () => void;
  /** Calls the handler with every change of the link's state; returns its remover. */
  onLinkState: (handler: (state: LinkState) => void) => () => void;
}

/** Tells a refused token (the page itself answers 401) from a server that is down. */
async function linkStateAfterFailure(page: Location): Promise<LinkState> {
  try {
    const response = await fetch(page.pathname + page.search, { cache: 'no-store' });
    return response.status === 401 ? 'unauthorized' : 'reconnecting';
  } catch {
    return 'reconnecting';
  }
}

function connectOverWebSocket(url: string): LabConnection {
  const pending = new Map<RpcId | null, (reply: Reply<unknown>) => void>();
  const listeners = new Map<LabEvent, Set<(payload: unknown) => void>>();
  let nextId = 1;
  let retryMs = FIRST_RETRY_MS;
  let everOpened = false;
  const reconnectHandlers = new Set<() => void>();
  const linkHandlers = new Set<(state: LinkState) => void>();
  let linkState: LinkState = 'connected';

  function setLinkState(next: LinkState): void {
    if (next === linkState) return;
    linkState = next;
    for (const handler of linkHandlers) handler(next);
  }

  function receive(data: unknown): void {
    let raw: unknown;
    try {
      raw = JSON.parse(String(data));
    } catch {
      return console.warn('Basin: ignored a message that is not JSON.');
    }
    const message = decodeServerMessage(raw);
    switch (message.kind) {
      case 'reply': {
        const settle = pending.get(message.id);
        if (settle) {
          pending.delete(message.id);
          settle(message.reply);
        } else if (!message.reply.ok) {
          console.warn(`Basin: the server refused a message: ${message.reply.error.message}`);
        }
        return;
      }
      case 'event': {
        const payload = labEvents[message.event].safeParse(message.payload);
        if (!payload.success) return console.warn(`Basin: ignored a malformed ${message.event}.`);
        for (const handler of listeners.get(message.event) ?? []) handler(payload.data);
        return;
      }
      case 'unreadable':
        return console.warn(`Basin: ignored a message: ${message.why}.`);
      default:
        return assertNever(message, 'server message');
    }
  }

  /** Resolves with an open socket, retrying with a doubling delay until one opens. */
  function open(delayMs: number): Promise<WebSocket> {
    return new Promise((resolve) => {
      const attempt = () => {
        const socket = new WebSocket(url);
        let opened = false;
        socket.addEventListener('open', () => {
          opened = true;
          retryMs = FIRST_RETRY_MS;
          setLinkState('connected');
          resolve(socket);
          if (everOpened) for (const handler of reconnectHandlers) handler();
          everOpened = true;
        });
        socket.addEventListener('message', (event) => receive(event.data));
        socket.addEventListener('close', () => {
          const wait = retryMs;
          retryMs = Math.min(retryMs * 2, LONGEST_RETRY_MS);
          if (!opened) {
            void linkStateAfterFailure(window.location).then(setLinkState);
            return void setTimeout(attempt, wait);
          }
          setLinkState('reconnecting');
          for (const settle of pending.values()) {
            settle(fail('unavailable', 'The connection to Basin closed before it answered.'));
          }
          pending.clear();
          connection = open(wait);
        });
      };
      setTimeout(attempt, delayMs);
    });
  }

  let connection = open(0);

  async function send(method: string, params: unknown): Promise<Reply<unknown>> {
    const unreachable = new Promise<undefined>((resolve) =>
      setTimeout(() => resolve(undefined), CONNECT_WAIT_MS),
    );
    const socket = await Promise.race([connection, unreachable]);
    if (socket?.readyState !== WebSocket.OPEN) {
      return fail('unavailable', `Basin is not reachable at ${url.split('?')[0]}; still trying.`);
    }
    const id = nextId++;
    return new Promise((resolve) => {
      pending.set(id, resolve);
      socket.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
    });
  }

  const api: LabApi = {
    // The lab core's handlers are typed against the contract, so a value reply has the method's type.
    call: <M extends LabMethod>(method: M, params: ParamsOf<M>) =>
      send(method, params) as Promise<Reply<ResultOf<M>>>,
    on: (event, handler) => {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const untyped = handler as (payload: unknown) => void;
      set.add(untyped);
      return () => set.delete(untyped);
    },
  };
  return {
    api,
    onReconnect: (handler) => {
      reconnectHandlers.add(handler);
      return () => reconnectHandlers.delete(handler);
    },
    onLinkState: (handler) => {
      linkHandlers.add(handler);
      return () => linkHandlers.delete(handler);
    },
  };
}

const desktop = window.basin;
// Electron's bridge never drops, so there is no reconnect to announce.
const connection: LabConnection = desktop
  ? { api: desktop, onReconnect: () => () => undefined, onLinkState: () => () => undefined }
  : connectOverWebSocket(rpcUrl(window.location));

export const lab: LabApi = connection.api;

/**
 * Calls `handler` each time the lab is reachable again after the connection dropped, when events
 * may have been missed, so a view reloads what it shows. Returns a function that stops the calls.
 */
export const onReconnect: (handler: () => void) => () => void = connection.onReconnect;

/** The native folder picker of the Electron window; null in a browser, where a path is typed. */
export const pickFolder: (() => Promise<string | null>) | null = desktop
  ? () => desktop.pickFolder()
  : null;

/** Calls `handler` with every change of whether the lab answers; returns its remover. */
export const onLinkState: (handler: (state: LinkState) => void) => () => void =
  connection.onLinkState;
