import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { probeInChild } from './backends';

/** A stand-in probe child, so each way a real one can end is exercised for real. */
function script(body: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'basin-probe-')), 'probe.cjs');
  writeFileSync(path, body);
  return path;
}

describe('probeInChild', () => {
  it('passes on the answer the child sends', async () => {
    const probeScript = script(
      `process.send({ name: process.argv[2], available: true, reason: null, tfjsVersion: '4.22.0', probeMs: 5 });`,
    );
    expect(await probeInChild('cpu', { probeScript })).toEqual({
      name: 'cpu',
      available: true,
      reason: null,
      tfjsVersion: '4.22.0',
      probeMs: 5,
    });
  });

  it('keeps the last line of stderr when the child dies without answering', async () => {
    const probeScript = script(
      `console.error('loading...'); console.error('boom'); process.exit(3);`,
    );
    const probe = await probeInChild('wasm', { probeScript });
    expect(probe).toMatchObject({ name: 'wasm', available: false, tfjsVersion: null });
    expect(probe.reason).toBe('The probe exited with 3 without an answer. boom');
  });

  it('gives up on a child that hangs and kills it', async () => {
    const probeScript = script(`setInterval(() => {}, 1000);`);
    const probe = await probeInChild('tensorflow', { probeScript, timeoutMs: 300 });
    expect(probe.reason).toBe('The probe did not finish within 300 ms.');
    expect(probe.probeMs).toBeGreaterThanOrEqual(300);
  });

  it('refuses an answer that does not fit the contract or names another backend', async () => {
    const malformed = script(`process.send({ name: 'cpu', available: 'yes' });`);
    const wrongName = script(
      `process.send({ name: 'wasm', available: true, reason: null, tfjsVersion: '1', probeMs: 1 });`,
    );
    for (const probeScript of [malformed, wrongName]) {
      const probe = await probeInChild('cpu', { probeScript });
      expect(probe.reason).toBe('The probe sent a reply Basin could not read.');
    }
  });
});
