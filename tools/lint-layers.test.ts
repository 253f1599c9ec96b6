import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: fileURLToPath(new URL('..', import.meta.url)) });

/** The rules that fire on `code` placed at `filePath`, one entry per message. */
async function rulesFiredOn(filePath: string, code: string): Promise<(string | null)[]> {
  const [result] = await eslint.lintText(code, { filePath, warnIgnored: true });
  if (!result) throw new Error(`ESLint returned nothing for ${filePath}`);
  return result.messages.map((message) => message.ruleId);
}

describe('layer rules', () => {
  describe('src-shared is pure', () => {
    const file = 'src-shared/experiment/probe-layer.ts';

    it.each([
      ['node:fs', `import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n`],
      ['bare fs', `import { readFileSync } from 'fs';\nexport const read = readFileSync;\n`],
      ['electron', `import { app } from 'electron';\nexport const name = app.name;\n`],
      ['src-main', `import { x } from '../../src-main/lab/lab-core';\nexport const y = x;\n`],
    ])('refuses an import of %s', async (_name, code) => {
      expect(await rulesFiredOn(file, code)).toEqual(['no-restricted-imports']);
    });

    it.each([
      ['document', `export const title = () => document.title;\n`],
      ['process', `export const home = () => process.env.HOME;\n`],
      ['Buffer', `export const bytes = () => Buffer.from('x');\n`],
    ])('refuses the global %s', async (_name, code) => {
      expect(await rulesFiredOn(file, code)).toEqual(['no-restricted-globals']);
    });

    it('accepts pure code', async () => {
      const code = `import { z } from 'zod';\nexport const positive = z.number().positive();\nexport const twice = (x: number): number => 2 * x;\n`;
      expect(await rulesFiredOn(file, code)).toEqual([]);
    });
  });

  describe('src-renderer reaches the core only through LabApi', () => {
    const file = 'src-renderer/src/lib/probe-layer.ts';

    it.each([
      [
        'src-main',
        `import { serve } from '../../../src-main/cli/serve';\nexport const s = serve;\n`,
      ],
      ['node:path', `import { join } from 'node:path';\nexport const j = join;\n`],
      ['electron', `import { ipcRenderer } from 'electron';\nexport const i = ipcRenderer;\n`],
    ])('refuses an import of %s', async (_name, code) => {
      expect(await rulesFiredOn(file, code)).toEqual(['no-restricted-imports']);
    });

    it('accepts the shared contract and DOM globals', async () => {
      const code = `import type { LabApi } from '@shared/contract/lab-api';\nexport const title = (api: LabApi) => [api, document.title];\n`;
      expect(await rulesFiredOn(file, code)).toEqual([]);
    });
  });

  describe('only the Electron shell imports electron', () => {
    const code = `import { app } from 'electron';\nexport const name = app.name;\n`;

    it.each([
      'src-main/server/probe-layer.ts',
      'src-main/lab/probe-layer.ts',
      'e2e/probe-layer.ts',
    ])('refuses it in %s', async (file) => {
      expect(await rulesFiredOn(file, code)).toEqual(['no-restricted-imports']);
    });

    it('allows it in src-main/electron', async () => {
      expect(await rulesFiredOn('src-main/electron/probe-layer.ts', code)).toEqual([]);
    });
  });
});
