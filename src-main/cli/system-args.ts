import { parseArgs } from 'node:util';
import { UsageError } from './usage-error';

/** `basin info` and `basin doctor`: what this machine offers for training, and whether it works. */
export type SystemCommand =
  { kind: 'info'; json: boolean } | { kind: 'doctor'; steps: number; json: boolean };

export const SYSTEM_COMMANDS = `  info             Show this machine's CPU, GPUs, TF.js backends and WebGPU adapters
  doctor           Train a short fixed model on every available backend and compare with wasm`;

export const SYSTEM_OPTIONS = `Options for info and doctor:
  --json             Print one JSON object instead of text
  --steps <number>   doctor: training steps per backend (default 30)`;

function parseInfo(args: string[]): SystemCommand | { kind: 'help' } {
  const { values } = parseArgs({
    args,
    strict: true,
    allowPositionals: false,
    options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  return values.help ? { kind: 'help' } : { kind: 'info', json: values.json === true };
}

function parseDoctor(args: string[]): SystemCommand | { kind: 'help' } {
  const { values } = parseArgs({
    args,
    strict: true,
    allowPositionals: false,
    options: {
      json: { type: 'boolean' },
      steps: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return { kind: 'help' };
  const steps = values.steps ?? '30';
  if (!/^\d+$/.test(steps) || Number(steps) < 1 || Number(steps) > 10_000) {
    throw new UsageError(`--steps must be a whole number from 1 to 10000, received "${steps}".`);
  }
  return { kind: 'doctor', steps: Number(steps), json: values.json === true };
}

export const systemCommandParsers = { info: parseInfo, doctor: parseDoctor };
