import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

async function writeAndSync(path: string, data: Uint8Array | string): Promise<void> {
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

async function writeStaging(
  staging: string,
  files: Readonly<Record<string, Uint8Array | string>>,
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
 * Writes a folder of files so that a reader sees either the complete old folder or the complete
 * new one, never a model.json whose weights.bin belongs to another write: every file (names may
 * contain subfolders, as an ensemble's members do) is written and fsynced in a temporary sibling
 * folder, which is then renamed into place.
 */
export async function writeFolderAtomically(
  folder: string,
  files: Readonly<Record<string, Uint8Array | string>>,
): Promise<void> {
  const parent = dirname(folder);
  await mkdir(parent, { recursive: true });
  const staging = join(parent, `.${basename(folder)}.writing-${process.pid}`);
  const retired = join(parent, `.${basename(folder)}.retired-${process.pid}`);
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
