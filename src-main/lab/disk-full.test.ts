import { execFileSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  writeFileSync,
  openSync,
  writeSync,
  closeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { basin } from '../cli/testing/basin-cli';
import { startServeProcess, type ServeProcess } from '../server/testing/serve-process';
import { requireBuiltApp } from '../testing/built-app';
import { spirals } from './testing/lab-fixture';

/** A real, small file system the test mounts (root only); null with the reason where it cannot. */
function mountSmallDisk(): { dir: string; reason: null } | { dir: null; reason: string } {
  const dir = mkdtempSync(join(tmpdir(), 'basin-full-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=24m', 'tmpfs', dir], { stdio: 'pipe' });
    return { dir, reason: null };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    const why = (error as { stderr?: Buffer }).stderr?.toString().trim() || String(error);
    return { dir: null, reason: `cannot mount a tmpfs here (${why}); needs root` };
  }
}

/** Writes zeros until the file system refuses: the disk is then truly full. */
function fillDisk(file: string): void {
  const fd = openSync(file, 'w');
  const chunk = Buffer.alloc(64 * 1024);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    closeSync(fd);
  }
}

function tempNames(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) =>
    /\.(writing|retired)-\d+|\.tmp$/.test(name),
  );
}

const disk = mountSmallDisk();
afterAll(() => {
  if (disk.dir === null) return;
  execFileSync('umount', ['-l', disk.dir]);
  rmSync(disk.dir, { recursive: true, force: true });
});

function rpc(socket: WebSocket, id: number, method: string, params: unknown): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const onMessage = (data: Buffer) => {
      const message = JSON.parse(data.toString()) as {
        id?: number;
        result?: unknown;
        error?: unknown;
      };
      if (message.id !== id) return;
      socket.off('message', onMessage);
      if (message.error !== undefined) reject(new Error(JSON.stringify(message.error)));
      else resolve(message.result);
    };
    socket.on('message', onMessage);
    socket.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
  });
}

if (disk.reason !== null) {
  it.skip(`disk full on a real small file system: skipped, ${disk.reason}`, () => undefined);
}

describe.skipIf(disk.dir === null)('a full disk (tmpfs mounted by the test)', () => {
  let lab: ServeProcess;

  it('pauses the queue, interrupts the runs with the free space, cleans up and keeps serving', async () => {
    requireBuiltApp();
    const dataDir = join(disk.dir!, 'lab');
    lab = await startServeProcess(dataDir);
    const socket = await lab.connect();
    const events: { method: string; params: unknown }[] = [];
    socket.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString()) as { method?: string; params?: unknown };
      if (message.method !== undefined)
        events.push({ method: message.method, params: message.params });
    });
    const { id } = (await rpc(socket, 1, 'experiments.create', {
      spec: spirals('fills the disk', 2_000, 500, 3),
    })) as { id: number };
    await rpc(socket, 2, 'experiments.launch', { id });
    await expect
      .poll(() => events.filter((e) => e.method === 'run.epoch').length, { timeout: 30_000 })
      .toBeGreaterThan(2);
    fillDisk(join(disk.dir!, 'filler'));

    await expect
      .poll(() => events.some((e) => e.method === 'lab.diskFull'), { timeout: 30_000 })
      .toBe(true);
    const banner = events.find((e) => e.method === 'lab.diskFull')!.params as { message: string };
    expect(banner.message).toMatch(
      /^The disk is full \([\d.]+ MB free in .*lab\): the queue is paused/,
    );
    await expect
      .poll(
        async () => {
          const { runs } = (await rpc(socket, 3 + Math.random(), 'runs.list', {
            experimentId: id,
          })) as {
            runs: { status: string; error: string | null }[];
          };
          return runs.map((run) => `${run.status}: ${run.error}`);
        },
        { timeout: 30_000 },
      )
      .toEqual([
        expect.stringMatching(/^interrupted: disk full: [\d.]+ MB free in .*lab$/),
        expect.stringMatching(/^interrupted: disk full: [\d.]+ MB free in .*lab$/),
        // Two slots: the third restart was still queued, and stays so.
        'queued: null',
      ]);
    const queue = (await rpc(socket, 4, 'queue.get', {})) as { paused: boolean };
    expect(queue.paused).toBe(true);
    expect(lab.child.exitCode).toBeNull();
    expect(tempNames(dataDir)).toEqual([]);
    socket.close();
    await lab.stop();

    // A lab started again on the still-full disk does not start the queued run.
    const again = await startServeProcess(dataDir);
    const second = await again.connect();
    expect(((await rpc(second, 5, 'queue.get', {})) as { paused: boolean }).paused).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const { runs } = (await rpc(second, 6, 'runs.list', { experimentId: id })) as {
      runs: { status: string }[];
    };
    expect(runs.map((run) => run.status)).toEqual(['interrupted', 'interrupted', 'queued']);
    expect(again.stderr()).toMatch(/disk full: [\d.]+ MB free in .*; the queue stays paused/);
    second.close();
    await again.stop();
    rmSync(join(disk.dir!, 'filler'));
  }, 120_000);

  it('basin run on a full disk exits 1 with the sentence', async () => {
    const spec = join(disk.dir!, 'spec.json');
    writeFileSync(spec, JSON.stringify(spirals('cli on a full disk', 2_000, 50)));
    mkdirSync(join(disk.dir!, 'cli'), { recursive: true });
    fillDisk(join(disk.dir!, 'filler'));
    const result = await basin(['run', spec, '--data-dir', join(disk.dir!, 'cli')], {
      timeoutMs: 60_000,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^basin: disk full: [\d.]+ MB free in .*cli/m);
    rmSync(join(disk.dir!, 'filler'));
  }, 90_000);
});
