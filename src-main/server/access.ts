import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Name of the cookie that lets assets and the WebSocket through after the tokenized first load. */
export const TOKEN_COOKIE = 'basin_token';

export function newAccessToken(): string {
  return randomBytes(24).toString('base64url');
}

function sameToken(candidate: string, token: string): boolean {
  const a = Buffer.from(candidate);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

/** How a request proved it may use the lab: by the URL's ?token=, by the cookie, or not at all. */
export type Access = 'query' | 'cookie' | 'denied';

export function checkAccess(request: IncomingMessage, url: URL, token: string): Access {
  const fromQuery = url.searchParams.get('token');
  if (fromQuery !== null && sameToken(fromQuery, token)) return 'query';
  const fromCookie = cookieValue(request.headers.cookie, TOKEN_COOKIE);
  if (fromCookie !== undefined && sameToken(fromCookie, token)) return 'cookie';
  return 'denied';
}

export function tokenCookie(token: string): string {
  return `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}

/**
 * A browser always names the page that opens a WebSocket; a page from another origin must not
 * reach the lab even on a machine where it could guess the port. Non-browser clients send no
 * Origin and are held to the token alone.
 */
export function isSameOrigin(request: IncomingMessage): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  const host = request.headers.host;
  return host !== undefined && (origin === `http://${host}` || origin === `https://${host}`);
}
