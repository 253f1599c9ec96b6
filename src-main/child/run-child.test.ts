import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { afterAll, describe, expect, it } from 'vitest';
import { nodeLauncher } from './node-launcher';
import { runChild } from './run-child';

const dir = mkdtempSync(join(tmpdir(), 'basin-run-child-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A real child whose `body` runs on the request it receives, seen as `request`. */
function child(name: string, body: string): string {
  const path = join(dir, `${name}.cjs`);
  writeFileSync(path, `process.once('message', (request) => { ${body} });`);
  return path;
}

const replySchema = z.strictObject({ doubled: z.number() });
const options = { name: 'The doubler' };

describe('runChild', () => {
  it('sends the request and returns the reply that fits the schema', async () => {
    const script = child('ok', `process.send({ doubled: 2 * request.x }, () => process.exit(0));`);
    expect(await runChild(nodeLauncher, script, { x: 21 }, replySchema, options)).toEqual({
      ok: true,
      reply: { doubled: 42 },
    });
  });

  it('refuses a reply that does not fit', async () => {
    const script = child('bad', `process.send({ doubled: 'many' }, () => process.exit(0));`);
    expect(await runChild(nodeLauncher, script, { x: 1 }, replySchema, options)).toEqual({
      ok: false,
      message: 'The doubler sent a reply Basin could not read.',
    });
  });

  it('names the exit and the last lines of stderr when no reply came', async () => {
    const script = child('dies', `console.error('out of memory'); process.exit(7);`);
    expect(await runChild(nodeLauncher, script, {}, replySchema, options)).toEqual({
      ok: false,
      message:
        'The doubler exited with code 7 without a reply. Last lines of its stderr:\nout of memory',
    });
  });

  it('kills a child that does not answer in time', async () => {
    const script = child('hangs', `setInterval(() => {}, 1000);`);
    const outcome = await runChild(nodeLauncher, script, {}, replySchema, {
      ...options,
      timeoutMs: 200,
    });
    expect(outcome).toEqual({ ok: false, message: 'The doubler did not finish within 200 ms.' });
  });
});
