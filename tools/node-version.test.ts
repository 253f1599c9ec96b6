import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../src-main/testing/built-app';

/** The machine's own Node (Debian's), older than Basin needs; where it is 22+, nothing to show. */
const OLD_NODE = '/usr/bin/node';

function run(node: string, args: string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) =>
    execFile(node, args, { cwd: repoRoot }, (error, _stdout, stderr) =>
      resolve({ code: error === null ? 0 : Number(error.code), stderr }),
    ),
  );
}

function versionOf(node: string): Promise<string> {
  return new Promise((resolve) =>
    execFile(node, ['--version'], (_error, stdout) => resolve(stdout.trim())),
  );
}

describe('Node version check', () => {
  it('makes npm refuse an old Node (engine-strict) and every npm script check first', () => {
    expect(readFileSync(join(repoRoot, '.npmrc'), 'utf8')).toMatch(/^engine-strict=true$/m);
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
      engines: { node: string };
    };
    expect(pkg.engines.node).toBe('>=22');
    for (const [name, script] of Object.entries(pkg.scripts))
      expect(script, name).toMatch(/^node scripts\/require-node\.cjs && /);
  });

  it.runIf(existsSync(OLD_NODE))(
    'tells an old Node what Basin needs and how to get it, from basin and from the scripts',
    async () => {
      const version = await versionOf(OLD_NODE);
      if (Number(version.slice(1).split('.')[0]) >= 22) return;
      for (const args of [['bin/basin.cjs', 'ls'], ['scripts/require-node.cjs']]) {
        const { code, stderr } = await run(OLD_NODE, args);
        expect(code).toBe(1);
        expect(stderr).toContain(`Basin needs Node 22 or newer; this is ${version}.`);
        expect(stderr).toContain('https://nodejs.org');
      }
      expect(await run(process.execPath, ['scripts/require-node.cjs'])).toEqual({
        code: 0,
        stderr: '',
      });
    },
  );
});
