import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { RPC_PATH } from '@shared/contract/json-rpc';
import { repoRoot } from '../../testing/built-app';

/** A real `basin serve` child process, started on a free port. */
export interface ServeProcess {
  child: ChildProcess;
  url: string;
  origin: string;
  token: string;
  /** Everything the process wrote to stderr so far. */
  stderr(): string;
  /** Opens an authenticated WebSocket to the lab. */
  connect(): Promise<WebSocket>;
  /** SIGTERM, then waits for the exit code. */
  stop(): Promise<number | null>;
}

export function startServeProcess(
  dataDir: string,
  extraArgs: string[] = [],
  env: NodeJS.ProcessEnv = {},
): Promise<ServeProcess> {
  const child = spawn(
    process.execPath,
    [
      join(repoRoot, 'bin', 'basin.cjs'),
      'serve',
      '--port',
      '0',
      '--data-dir',
      dataDir,
      ...extraArgs,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } },
  );
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  return new Promise((resolve, reject) => {
    child.once('exit', (code) =>
      reject(new Error(`basin serve exited with ${code} before it listened: ${stderr}`)),
    );
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const url = /open: (\S+)/.exec(stdout)?.[1];
      if (url === undefined) return;
      child.stdout.removeAllListeners('data');
      child.stdout.resume();
      const parsed = new URL(url);
      const token = parsed.searchParams.get('token') ?? '';
      resolve({
        child,
        url,
        origin: parsed.origin,
        token,
        stderr: () => stderr,
        connect: () =>
          new Promise((open, fail) => {
            const socket = new WebSocket(
              `${parsed.origin.replace('http:', 'ws:')}${RPC_PATH}?token=${token}`,
              { maxPayload: 256 * 1024 * 1024 },
            );
            socket.once('open', () => open(socket));
            socket.once('error', fail);
          }),
        stop: () => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          return exited;
        },
      });
    });
  });
}
