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

  describe('src-main wings import only the wings the table allows', () => {
    const importOf = (source: string) => `import { x } from '${source}';\nexport const y = x;\n`;

    it.each([
      ['store', 'src-main/store/probe-layer.ts', '../lab/lab-core'],
      ['store', 'src-main/store/probe-layer.ts', '../checkpoints/run-folder'],
      ['checkpoints', 'src-main/checkpoints/probe-layer.ts', '../trainer/prepare-run'],
      ['checkpoints', 'src-main/checkpoints/probe-layer.ts', '../store/open-store'],
      ['lab', 'src-main/lab/probe-layer.ts', '../trainer/prepare-run'],
      ['lab', 'src-main/lab/handlers/probe-layer.ts', '../../evaluator/score-ensemble'],
      ['lab', 'src-main/lab/probe-layer.ts', '../server/http-server'],
      ['trainer', 'src-main/trainer/loop/probe-layer.ts', '../../lab/lab-core'],
      ['trainer', 'src-main/trainer/probe-layer.ts', '../store/open-store'],
      ['trainer', 'src-main/trainer/probe-layer.ts', '../evaluator/score-ensemble'],
      ['evaluator', 'src-main/evaluator/probe-layer.ts', '../lab/lab-core'],
      ['evaluator', 'src-main/evaluator/probe-layer.ts', '../store/open-store'],
      ['server', 'src-main/server/probe-layer.ts', '../store/open-store'],
      ['child', 'src-main/child/probe-layer.ts', '../lab/lab-core'],
      ['system', 'src-main/system/probe-layer.ts', '../lab/lab-core'],
      ['export', 'src-main/export/probe-layer.ts', '../lab/lab-core'],
      ['data', 'src-main/data/probe-layer.ts', '../store/open-store'],
      ['files', 'src-main/files/probe-layer.ts', '../store/open-store'],
    ])('refuses %s importing %s', async (_wing, file, source) => {
      expect(await rulesFiredOn(file, importOf(source))).toEqual(['local/wing-imports']);
    });

    it.each([
      ['store', 'src-main/store/queries/probe-layer.ts', '../../files/atomic-write'],
      ['checkpoints', 'src-main/checkpoints/probe-layer.ts', '../files/atomic-write'],
      ['lab', 'src-main/lab/probe-layer.ts', '../store/open-store'],
      ['lab', 'src-main/lab/probe-layer.ts', '../checkpoints/run-folder'],
      ['lab', 'src-main/lab/probe-layer.ts', '../child/run-child'],
      ['lab', 'src-main/lab/probe-layer.ts', '../export/export-model'],
      ['lab', 'src-main/lab/probe-layer.ts', '../system/system-info'],
      ['lab', 'src-main/lab/probe-layer.ts', '../data/load-dataset'],
      ['trainer', 'src-main/trainer/optim/probe-layer.ts', '../../checkpoints/run-folder'],
      ['trainer', 'src-main/trainer/probe-layer.ts', '../child/parent-channel'],
      ['trainer', 'src-main/trainer/probe-layer.ts', '../data/load-dataset'],
      ['evaluator', 'src-main/evaluator/probe-layer.ts', '../trainer/model/loss'],
      ['server', 'src-main/server/probe-layer.ts', '../lab/lab-core'],
      ['cli', 'src-main/cli/probe-layer.ts', '../lab/lab-core'],
      ['cli', 'src-main/cli/probe-layer.ts', '../system/system-info'],
      ['electron', 'src-main/electron/probe-layer.ts', '../lab/lab-core'],
      ['a test', 'src-main/lab/probe-layer.test.ts', '../server/http-server'],
    ])('allows %s importing %s', async (_wing, file, source) => {
      expect(await rulesFiredOn(file, importOf(source))).toEqual([]);
    });

    it('checks re-exports and dynamic imports too', async () => {
      const file = 'src-main/store/probe-layer.ts';
      expect(await rulesFiredOn(file, `export { x } from '../lab/lab-core';\n`)).toEqual([
        'local/wing-imports',
      ]);
      const dynamic = `export const load = () => import('../lab/lab-core');\n`;
      expect(await rulesFiredOn(file, dynamic)).toEqual(['local/wing-imports']);
    });
  });

  describe('only the TF.js processes load TF.js', () => {
    const tfjs = `import * as tf from '@tensorflow/tfjs';\nexport const v = tf.version;\n`;

    it.each([
      'src-main/lab/probe-layer.ts',
      'src-main/store/probe-layer.ts',
      'src-main/checkpoints/probe-layer.ts',
      'src-main/export/probe-layer.ts',
      'src-main/server/probe-layer.ts',
      'src-main/cli/probe-layer.ts',
      'src-main/system/probe-layer.ts',
      'src-main/child/probe-layer.ts',
    ])('refuses @tensorflow in %s', async (file) => {
      expect(await rulesFiredOn(file, tfjs)).toEqual(['local/wing-imports']);
    });

    it.each([
      'src-main/trainer/backend/probe-layer.ts',
      'src-main/evaluator/probe-layer.ts',
      'src-main/system/probe-child.ts',
      'src-main/checkpoints/probe-layer.tfjs.ts',
    ])('allows @tensorflow in %s', async (file) => {
      expect(await rulesFiredOn(file, tfjs)).toEqual([]);
    });

    it('refuses a dynamic import of TF.js on the lab side', async () => {
      const code = `export const load = () => import('@tensorflow/tfjs');\n`;
      expect(await rulesFiredOn('src-main/lab/probe-layer.ts', code)).toEqual([
        'local/wing-imports',
      ]);
    });

    it('refuses a *.tfjs module outside the TF.js processes, and allows it inside', async () => {
      const code = `import { x } from '../checkpoints/layers-model.tfjs';\nexport const y = x;\n`;
      expect(await rulesFiredOn('src-main/lab/probe-layer.ts', code)).toEqual([
        'local/wing-imports',
      ]);
      expect(await rulesFiredOn('src-main/evaluator/probe-layer.ts', code)).toEqual([]);
    });
  });
});
