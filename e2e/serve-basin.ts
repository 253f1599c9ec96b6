import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** Where the specs find the tokenized URL of the browser-mode server this setup started. */
const BASIN_URL_ENV = 'BASIN_E2E_URL';

export function basinUrl(): string {
  const url = process.env[BASIN_URL_ENV];
  if (!url) throw new Error(`${BASIN_URL_ENV} is not set: the global setup did not start Basin.`);
  return url;
}

export interface RunningBasin {
  url: string;
  /** Stops the server the way Ctrl+C does and waits for it to exit. */
  stop: () => Promise<void>;
}

/** Starts `node out/main/cli.js serve` on `port` (0: a free one) over `dataDir`. */
export async function startBasin(dataDir: string, port = 0): Promise<RunningBasin> {
  const cli = resolve(__dirname, '..', 'out', 'main', 'cli.js');
  const server = spawn(
    process.execPath,
    [cli, 'serve', '--port', String(port), '--data-dir', dataDir],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await new Promise<string>((found, failed) => {
    let printed = '';
    server.stdout.setEncoding('utf8');
    server.stdout.on('data', (chunk: string) => {
      printed += chunk;
      const url = /open: (http:\/\/\S+\?token=\S+)/.exec(printed)?.[1];
      if (url) found(url);
    });
    server.once('exit', (code) =>
      failed(new Error(`basin serve exited with ${code} before printing its URL:\n${printed}`)),
    );
  });
  return {
    url,
    stop: async () => {
      if (server.exitCode !== null) return;
      const exited = new Promise((done) => server.once('exit', done));
      server.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * Starts browser mode from the build on a free port and a fresh data folder, and returns the
 * teardown that stops it.
 */
export default async function serveBasin(): Promise<() => Promise<void>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'basin-e2e-'));
  const basin = await startBasin(dataDir);
  process.env[BASIN_URL_ENV] = basin.url;
  return async () => {
    await basin.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
