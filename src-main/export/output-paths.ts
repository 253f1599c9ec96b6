import { realpath, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative } from 'node:path';
import { LabError } from '@shared/contract/envelope';

/** The real path of `path`, or of its nearest existing ancestor with the rest appended. */
async function realPathOf(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    const parent = dirname(path);
    return parent === path ? path : join(await realPathOf(parent), basename(path));
  }
}

function isInside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

export interface OutputRules {
  /** The lab's data folder: nothing the API writes may land in it. */
  dataDir: string;
  /** Whether an existing file may be replaced (the caller asked, e.g. after "Replace?"). */
  overwrite: boolean;
}

/**
 * Checks a file path a caller asked the lab to write: never inside the data folder (the database
 * and checkpoints live there), never over an existing file unless the caller said so, and into a
 * folder that exists. Each refusal is a sentence naming the path.
 */
export async function checkOutputFile(target: string, rules: OutputRules): Promise<void> {
  await checkOutsideDataDir(target, rules.dataDir);
  const existing = await stat(target).catch(() => null);
  if (existing?.isDirectory()) {
    throw new LabError('invalid_argument', `${target} is a folder; name a file to write.`);
  }
  if (existing !== null && !rules.overwrite) {
    throw new LabError(
      'conflict',
      `${target} already exists; choose another name, or confirm replacing it (overwrite: true).`,
    );
  }
  const folder = await stat(dirname(target)).catch(() => null);
  if (!folder?.isDirectory()) {
    throw new LabError('invalid_argument', `The folder ${dirname(target)} does not exist.`);
  }
}

export async function checkOutsideDataDir(target: string, dataDir: string): Promise<void> {
  const [real, data] = await Promise.all([realPathOf(target), realPathOf(dataDir)]);
  if (isInside(data, real)) {
    throw new LabError(
      'invalid_argument',
      `${target} is inside Basin's data folder (${dataDir}), which holds the database and checkpoints; choose a path outside it.`,
    );
  }
}

const errnoSentences: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'it is a folder',
  ENAMETOOLONG: 'the name is too long',
  ENOENT: 'a folder on the way does not exist',
};

/**
 * A failed write as a sentence about the path the caller named, never the errno text of a
 * temporary file behind it. Errors Basin already phrased pass through.
 */
export function outputError(error: unknown, target: string): unknown {
  if (error instanceof LabError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  const why = code === undefined ? undefined : errnoSentences[code];
  if (why === undefined) return error;
  const full = code === 'ENOSPC' || code === 'EDQUOT';
  return new LabError(full ? 'unavailable' : 'invalid_argument', `Cannot write ${target}: ${why}.`);
}
