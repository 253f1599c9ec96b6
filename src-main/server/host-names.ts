import { hostname, networkInterfaces } from 'node:os';

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '::1'];
const UNSPECIFIED = ['0.0.0.0', '::'];

/** Whether the server listens on every interface, so anyone on the network can reach it. */
export function bindsEveryInterface(host: string): boolean {
  return UNSPECIFIED.includes(host);
}

/** The machine's own addresses: what another computer would type to reach an all-interface bind. */
function interfaceAddresses(): string[] {
  return Object.values(networkInterfaces()).flatMap((entries) =>
    (entries ?? []).map((entry) => entry.address),
  );
}

/**
 * The host names a request may carry in its Host header. Checking it defeats DNS rebinding: a page
 * on evil.example whose name was re-pointed at 127.0.0.1 still sends `Host: evil.example`.
 */
export function allowedHostNames(host: string): Set<string> {
  const names = [...LOOPBACK_NAMES, host.toLowerCase()];
  if (bindsEveryInterface(host)) names.push(...interfaceAddresses(), hostname().toLowerCase());
  return new Set(names);
}

/** The name part of a Host header (`[::1]:8080` → `::1`, `Example:80` → `example`). */
export function hostHeaderName(header: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(header);
  if (bracketed) return bracketed[1]!.toLowerCase();
  return header.replace(/:\d+$/, '').toLowerCase();
}

/** An address another machine can open: the first non-internal IPv4 address, else loopback. */
export function reachableHost(host: string): string {
  if (!bindsEveryInterface(host)) return host.includes(':') ? `[${host}]` : host;
  const external = Object.values(networkInterfaces())
    .flatMap((entries) => entries ?? [])
    .find((entry) => entry.family === 'IPv4' && !entry.internal);
  return external?.address ?? '127.0.0.1';
}

export function isLoopback(host: string): boolean {
  return LOOPBACK_NAMES.includes(host.toLowerCase()) || /^127\./.test(host);
}

/** What `serve` prints when it binds beyond loopback: the API can write files, over plain HTTP. */
export function networkWarning(host: string): string {
  return [
    `Warning: Basin is listening on ${host}, reachable from other machines. Its API can read your`,
    'experiments and write files on this computer, and plain HTTP sends the access token',
    'unencrypted: use this only on a network you trust, or bind 127.0.0.1 and use an SSH tunnel.',
  ].join('\n');
}
