import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * The one way Basin replaces a file or a folder on disk: write a temporary sibling, fsync it, rename
 * it into place, fsync the parent folder. A reader (or a lab restarted after a crash or power loss)
 * sees the whole old content or the whole new one, never a torn mix.
 */

type Bytes = Uint8Array | string;

function stagingName(target: string, purpose: string): string {
  return join(dirname(target), `.${basename(target)}.${purpose}-${process.pid}`);
}

async function writeAndSync(path: string, data: Bytes): Promise<void> {
  const handle = await open(path, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Makes a rename durable: the directory entry itself must reach the disk. */
async function syncDirectory(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function syncDirectorySync(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Replaces `target` with `content`; a string or bytes, or chunks from an async iterable (a large
 * export that yields between chunks so the lab keeps working). The temporary file goes on failure.
 */
export async function writeFileAtomically(
  target: string,
  content: Bytes | AsyncIterable<Bytes>,
): Promise<void> {
  const temp = stagingName(target, 'writing');
  const handle = await open(temp, 'w');
  try {
    try {
      if (typeof content === 'string' || content instanceof Uint8Array) {
        await handle.writeFile(content);
      } else {
        // writeFile on a handle continues from its position, and loops until every byte is down.
        for await (const chunk of content) await handle.writeFile(chunk);
      }
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncDirectory(dirname(target));
}

/** The synchronous form, for the few writers that cannot wait (the data-folder lock). */
export function writeFileAtomicallySync(target: string, content: Bytes): void {
  const temp = stagingName(target, 'writing');
  try {
    const fd = openSync(temp, 'w');
    try {
      writeSync(fd, typeof content === 'string' ? Buffer.from(content) : content);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, target);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  syncDirectorySync(dirname(target));
}

async function writeStaging(
  staging: string,
  files: Readonly<Record<string, Bytes>>,
): Promise<void> {
  await mkdir(staging);
  const folders = new Set<string>([staging]);
  for (const [name, data] of Object.entries(files)) {
    const path = join(staging, name);
    if (!folders.has(dirname(path))) {
      await mkdir(dirname(path), { recursive: true });
      folders.add(dirname(path));
    }
    await writeAndSync(path, data);
  }
  for (const written of [...folders].reverse()) await syncDirectory(written);
}

/**
 * Puts a file another writer produced (SQLite's backup API, a copy) in place of `target` the same
 * way: its bytes fsynced, renamed over `target`, the folder fsynced.
 */
export function moveIntoPlaceSync(source: string, target: string): void {
  const fd = openSync(source, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(source, target);
  syncDirectorySync(dirname(target));
}

/**
 * Writes a folder of files so that a reader sees either the complete old folder or the complete
 * new one, never a model.json whose weights.bin belongs to another write: every file (names may
 * contain subfolders, as an ensemble's members do) is written and fsynced in a temporary sibling
 * folder, which is then renamed into place.
 */
export async function writeFolderAtomically(
  folder: string,
  files: Readonly<Record<string, Bytes>>,
): Promise<void> {
  const parent = dirname(folder);
  await mkdir(parent, { recursive: true });
  const staging = stagingName(folder, 'writing');
  const retired = stagingName(folder, 'retired');
  await rm(staging, { recursive: true, force: true });
  try {
    await writeStaging(staging, files);
  } catch (error) {
    // A failed write (a full disk, say) leaves no half-written folder behind.
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  // rename() cannot replace a non-empty folder, so an existing one steps aside first.
  await rm(retired, { recursive: true, force: true });
  const replaced = await rename(folder, retired).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return false;
      throw error;
    },
  );
  await rename(staging, folder);
  await syncDirectory(parent);
  if (replaced) await rm(retired, { recursive: true, force: true });
}
