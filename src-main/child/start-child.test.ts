import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { nodeLauncher } from './node-launcher';
import { startChild } from './start-child';

const dir = mkdtempSync(join(tmpdir(), 'basin-start-child-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function script(name: string, source: string): string {
  const path = join(dir, `${name}.cjs`);
  writeFileSync(path, source);
  return path;
}

describe('startChild', () => {
  it('sends the request first, streams every message in order, and ends with the exit', async () => {
    const counter = script(
      'counter',
      `process.once('message', ({ count }) => {
        for (let i = 1; i <= count; i += 1) process.send({ i });
        process.once('message', (last) => process.send(last, () => process.exit(3)));
      });`,
    );
    const seen: unknown[] = [];
    const child = startChild(
      nodeLauncher,
      counter,
      { count: 3 },
      { onMessage: (m) => seen.push(m) },
    );
    child.send({ bye: true });
    const end = await child.ended;
    expect(seen).toEqual([{ i: 1 }, { i: 2 }, { i: 3 }, { bye: true }]);
    expect(end).toEqual({ exit: { code: 3, signal: null }, stderrLines: [] });
  });

  it('passes the environment, keeps stderr and noted lines, and kill ends the process', async () => {
    const seen: unknown[] = [];
    const hangs = script(
      'hangs',
      `process.once('message', () => { console.error('loading'); process.send(process.env.BASIN_START_CHILD_TEST); setInterval(() => {}, 1000); });`,
    );
    const child = startChild(
      nodeLauncher,
      hangs,
      {},
      {
        env: { BASIN_START_CHILD_TEST: '1' },
        onMessage: (message) => {
          seen.push(message);
          child.noteStderr('[warn] noted\n');
          child.kill();
        },
      },
    );
    const end = await child.ended;
    expect(end.exit).toEqual({ code: null, signal: 'SIGKILL' });
    expect(seen).toEqual(['1']);
    // The stderr pipe and the message channel are separate streams: either line may come first.
    expect([...end.stderrLines].sort()).toEqual(['[warn] noted', 'loading']);
  });
});
