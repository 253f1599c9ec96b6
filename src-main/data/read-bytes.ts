import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';

/** A file's bytes, gunzipped when they start with the gzip magic number, whatever the file is called. */
export async function readMaybeGzipped(path: string): Promise<Uint8Array> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new Error(`cannot read ${path}: ${(error as Error).message}`, { cause: error });
  }
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  try {
    return gunzipSync(bytes);
  } catch (error) {
    throw new Error(`${path}: corrupt gzip data: ${(error as Error).message}`, { cause: error });
  }
}
