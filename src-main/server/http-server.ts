import { createReadStream } from 'node:fs';
import {
  createServer,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { RPC_PATH } from '@shared/contract/json-rpc';
import type { LabCore } from '../lab/lab-core';
import { CSP_HEADER } from '../security/csp';
import { checkAccess, isSameOrigin, newAccessToken, tokenCookie } from './access';
import { allowedHostNames, hostHeaderName, reachableHost } from './host-names';
import { createRpcSocketServer } from './rpc-socket';
import { findStaticFile } from './static-files';

export interface BrowserModeOptions {
  core: LabCore;
  /** The built renderer, out/renderer. */
  rendererDir: string;
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** Fixed only by tests; otherwise a fresh random token per start. */
  token?: string;
}

export interface BrowserModeServer {
  /** The address to open, with the access token in it. */
  url: string;
  origin: string;
  token: string;
  close(): Promise<void>;
}

const securityHeaders: OutgoingHttpHeaders = {
  'Content-Security-Policy': CSP_HEADER,
  'X-Content-Type-Options': 'nosniff',
  // The token rides in the URL; never hand it to another site as a referrer.
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

function respondText(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { ...securityHeaders, 'Content-Type': 'text/plain; charset=utf-8' });
  response.end(`${text}\n`);
}

async function serveRequest(
  options: BrowserModeOptions,
  token: string,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://basin.invalid');
  const access = checkAccess(request, url, token);
  if (access === 'denied') {
    respondText(
      response,
      401,
      'Basin needs its access token: open the URL that `basin serve` printed.',
    );
    return;
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.setHeader('Allow', 'GET, HEAD');
    respondText(response, 405, `${request.method} is not allowed here.`);
    return;
  }
  const file = await findStaticFile(options.rendererDir, url.pathname);
  if (!file) {
    respondText(response, 404, `Nothing at ${url.pathname}.`);
    return;
  }
  response.writeHead(200, {
    ...securityHeaders,
    'Content-Type': file.contentType,
    'Content-Length': file.size,
    ...(access === 'query' ? { 'Set-Cookie': tokenCookie(token) } : {}),
  });
  if (request.method === 'HEAD') response.end();
  else createReadStream(file.path).pipe(response);
}

function refuseUpgrade(socket: Duplex, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

function misdirected(request: IncomingMessage, allowed: ReadonlySet<string>): boolean {
  const header = request.headers.host;
  return header === undefined || !allowed.has(hostHeaderName(header));
}

/** Browser mode: the built renderer over HTTP and the LabApi over a WebSocket, both token-gated. */
export async function startBrowserMode(options: BrowserModeOptions): Promise<BrowserModeServer> {
  const token = options.token ?? newAccessToken();
  const allowedHosts = allowedHostNames(options.host);
  const sockets = createRpcSocketServer(options.core);
  const server = createServer((request, response) => {
    if (misdirected(request, allowedHosts)) {
      respondText(response, 421, `Basin answers only to ${[...allowedHosts].join(', ')}.`);
      return;
    }
    serveRequest(options, token, request, response).catch((error: unknown) => {
      if (!response.headersSent) respondText(response, 500, `Basin failed: ${String(error)}`);
      else response.destroy();
    });
  });
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    // A client that drops the connection mid-handshake must not raise an unhandled error.
    socket.on('error', () => socket.destroy());
    const url = new URL(request.url ?? '/', 'http://basin.invalid');
    if (misdirected(request, allowedHosts)) return refuseUpgrade(socket, '421 Misdirected Request');
    if (url.pathname !== RPC_PATH) return refuseUpgrade(socket, '404 Not Found');
    if (checkAccess(request, url, token) === 'denied')
      return refuseUpgrade(socket, '401 Unauthorized');
    if (!isSameOrigin(request)) return refuseUpgrade(socket, '403 Forbidden');
    sockets.handleUpgrade(request, socket, head, (ws) => sockets.emit('connection', ws, request));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://${reachableHost(options.host)}:${port}`;
  return {
    url: `${origin}/?token=${token}`,
    origin,
    token,
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const client of sockets.clients) client.terminate();
        sockets.close();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
