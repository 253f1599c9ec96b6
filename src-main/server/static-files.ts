import { stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export interface StaticFile {
  path: string;
  size: number;
  contentType: string;
}

/**
 * Maps a URL path onto a file inside `root` (`/` is index.html). Returns undefined for anything
 * that is not a regular file there, including paths that climb out of `root`.
 */
export async function findStaticFile(
  root: string,
  urlPath: string,
): Promise<StaticFile | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const base = resolve(root);
  const path = resolve(join(base, decoded === '/' ? 'index.html' : decoded));
  if (!path.startsWith(base + sep)) return undefined;
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) return undefined;
  const contentType = contentTypes[extname(path).toLowerCase()] ?? 'application/octet-stream';
  return { path, size: info.size, contentType };
}
