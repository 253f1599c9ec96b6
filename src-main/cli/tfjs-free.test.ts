import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../store/open-store';
import { repoRoot, requireBuiltApp } from '../testing/built-app';

// The lab side never loads TF.js (DESIGN: the TF.js-free lab). A preloaded hook records every
// module request of the CLI process (not of its children: the backend probe may load TF.js), and
// each front door is run for real from the built bundle.
const HOOK = `
const Module = require('node:module');
const { writeFileSync } = require('node:fs');
if (process.argv[1] && process.argv[1].endsWith('cli.js')) {
  const requests = new Set();
  const load = Module._load;
  Module._load = function (request, ...rest) {
    requests.add(request);
    return load.call(this, request, ...rest);
  };
  process.on('exit', () => writeFileSync(process.env.BASIN_REQUESTS_FILE, JSON.stringify([...requests])));
}
`;

let root = '';
let hook = '';
beforeAll(() => {
  requireBuiltApp();
  root = mkdtempSync(join(tmpdir(), 'basin-tfjs-free-'));
  hook = join(root, 'record-requests.cjs');
  writeFileSync(hook, HOOK);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/**
 * Runs out/main/cli.js with `args`; `untilOutput`, when given, is a line after which the process is
 * sent SIGTERM (for `serve`, which runs until stopped). Resolves with the modules it requested.
 */
function requestsOf(name: string, args: string[], untilOutput?: RegExp): Promise<string[]> {
  const requestsFile = join(root, `${name}.json`);
  const child = spawn(
    process.execPath,
    ['--require', hook, join(repoRoot, 'out', 'main', 'cli.js'), ...args],
    { env: { ...process.env, BASIN_REQUESTS_FILE: requestsFile }, stdio: 'pipe' },
  );
  let output = '';
  let stopping = false;
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    if (untilOutput?.test(output) && child.signalCode === null && !stopping) {
      stopping = true;
      child.kill('SIGTERM');
    }
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0)
        return reject(new Error(`basin ${args.join(' ')} exited ${code}:\n${output}`));
      resolve(JSON.parse(readFileSync(requestsFile, 'utf8')) as string[]);
    });
  });
}

const tensorflow = (requests: string[]) => requests.filter((r) => r.includes('@tensorflow'));
/** The server's WebSocket package: only `serve` needs it (each command's module loads lazily). */
const SERVER_ONLY = 'ws';

describe('the lab side loads no TF.js, and a command loads only its own modules', () => {
  it('basin --help', async () => {
    const requests = await requestsOf('help', ['--help']);
    expect(requests.length).toBeGreaterThan(0);
    expect(tensorflow(requests)).toEqual([]);
    expect(requests).not.toContain(SERVER_ONLY);
    expect(requests).not.toContain('better-sqlite3');
  });

  it('basin ls on a data folder with an empty store', async () => {
    const dataDir = join(root, 'ls-data');
    openStore(dataDir).close();
    const requests = await requestsOf('ls', ['ls', '--data-dir', dataDir]);
    expect(requests).toContain('better-sqlite3');
    expect(tensorflow(requests)).toEqual([]);
    expect(requests).not.toContain(SERVER_ONLY);
  });

  it('the lab core of basin serve, started and stopped', async () => {
    const args = ['serve', '--port', '0', '--data-dir', join(root, 'serve-data')];
    const requests = await requestsOf('serve', args, /open: http/);
    expect(requests).toContain('better-sqlite3');
    expect(requests).toContain(SERVER_ONLY);
    expect(tensorflow(requests)).toEqual([]);
  }, 30_000);
});
