import { request } from 'node:http';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDataDir } from '../lab/testing/lab-fixture';
import { requireBuiltApp } from '../testing/built-app';
import { startServeProcess, type ServeProcess } from './testing/serve-process';

/** GET `url` with a chosen Host header; resolves with the status. */
function statusWithHost(url: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    request(
      {
        host: target.hostname,
        port: target.port,
        path: `${target.pathname}${target.search}`,
        headers: { host },
      },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    )
      .on('error', reject)
      .end();
  });
}

describe('basin serve --host 0.0.0.0 (real process)', () => {
  let lab: ServeProcess;
  let cleanUp: () => void;

  beforeAll(async () => {
    requireBuiltApp();
    const temp = tempDataDir();
    cleanUp = temp.cleanUp;
    lab = await startServeProcess(temp.dataDir, ['--host', '0.0.0.0']);
  }, 30_000);
  afterAll(async () => {
    await lab?.stop();
    cleanUp();
  });

  it('prints a URL another machine can open, and a warning that the API is on the network', async () => {
    const external = Object.values(networkInterfaces())
      .flatMap((entries) => entries ?? [])
      .find((entry) => entry.family === 'IPv4' && !entry.internal);
    expect(new URL(lab.url).hostname).toBe(external?.address ?? '127.0.0.1');
    await expect.poll(() => lab.stderr()).toContain('Warning: Basin is listening on 0.0.0.0');
    expect(lab.stderr()).toContain('plain HTTP');
  });

  it('answers 421 to a Host header it was not bound to (DNS rebinding) and serves the bound ones', async () => {
    expect(await statusWithHost(lab.url, 'evil.example')).toBe(421);
    expect(await statusWithHost(lab.url, `evil.example:${new URL(lab.url).port}`)).toBe(421);
    for (const host of ['localhost', '127.0.0.1', new URL(lab.url).host])
      expect(await statusWithHost(lab.url, host)).toBe(200);
  });
});
