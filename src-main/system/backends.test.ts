import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { probeInChild } from './backends';

/**
 * A stand-in probe child, so each way a real one can end is exercised for real; `body` runs on
 * the lab's request, which it sees as `request`.
 */
function script(body: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'basin-probe-')), 'probe.cjs');
  writeFileSync(path, `process.once('message', (request) => { ${body} });`);
  return path;
}

const reply = (answer: string) => `process.send(${answer}, () => process.exit(0));`;

describe('probeInChild', () => {
  it('passes on the answer the child sends', async () => {
    const probeScript = script(
      reply(
        `{ name: request.backend, available: true, reason: null, tfjsVersion: '4.22.0', probeMs: 5 }`,
      ),
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
    expect(probe.reason).toBe(
      'The wasm probe exited with code 3 without a reply. Last lines of its stderr:\nloading...\nboom',
    );
  });

  it('gives up on a child that hangs and kills it', async () => {
    const probeScript = script(`setInterval(() => {}, 1000);`);
    const probe = await probeInChild('tensorflow', { probeScript, timeoutMs: 300 });
    expect(probe.reason).toBe('The tensorflow probe did not finish within 300 ms.');
    expect(probe.probeMs).toBeGreaterThanOrEqual(300);
  });

  it('refuses an answer that does not fit the contract or names another backend', async () => {
    const malformed = script(reply(`{ name: 'cpu', available: 'yes' }`));
    const wrongName = script(
      reply(`{ name: 'wasm', available: true, reason: null, tfjsVersion: '1', probeMs: 1 }`),
    );
    const malformedProbe = await probeInChild('cpu', { probeScript: malformed });
    expect(malformedProbe.reason).toBe('The cpu probe sent a reply Basin could not read.');
    const wrongNameProbe = await probeInChild('cpu', { probeScript: wrongName });
    expect(wrongNameProbe.reason).toBe('The cpu probe answered for wasm.');
  });
});
