/**
 * The trainer benchmark's bare TF.js loop as its own process (see trainer-bare-loop.ts):
 *
 *   node bench/trainer-bare-tfjs.ts --backend wasm --epochs 3 --samples 54000 [--trainer-kernels]
 *
 * Node strips this file's types; the loop imports the trainer's wasm kernel, so it is loaded
 * through Vite's module runner.
 */
import path from 'node:path';
import { runnerImport } from 'vite';

const root = path.resolve(import.meta.dirname, '..');
const { module } = await runnerImport<{ default: (args: string[]) => Promise<void> }>(
  path.resolve(root, 'bench/trainer-bare-loop.ts'),
  { configFile: false, logLevel: 'error' },
);
await module.default(process.argv.slice(2));
