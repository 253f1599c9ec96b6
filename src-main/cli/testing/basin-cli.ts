import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../../testing/built-app';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built `basin` command in a child process; resolves with its exit code and output. */
export function basin(
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; node?: string; timeoutMs?: number } = {},
): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      options.node ?? process.execPath,
      [join(repoRoot, 'bin', 'basin.cjs'), ...args],
      { env: { ...process.env, ...options.env }, timeout: options.timeoutMs ?? 60_000 },
      (error, stdout, stderr) =>
        resolve({
          code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1,
          stdout,
          stderr,
        }),
    );
  });
}
