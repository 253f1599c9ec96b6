import { fork } from 'node:child_process';
import type { BackendName } from '@shared/contract/system';
import { adapterText, megabytes } from '@shared/devices/engine-text';
import { webgpuSlotEnvironment } from '@shared/devices/webgpu-placement';
import { builtPaths } from '../paths';
import { doctorResultSchema, type DoctorResult } from '../system/doctor-train';
import { discoverGpus } from '../system/gpus';
import { createSystemInfoSource } from '../system/system-info';
import { placementFacts } from '../system/webgpu-adapters';

/** Losses that differ from wasm's by more than this (relative) mean a backend computes wrongly. */
const AGREEMENT = 1e-3;
const HOLD_MB = 1024;

/** Forks the probe child in `args`' mode with extra environment; resolves with its first message. */
function childReply(
  probeScript: string,
  args: string[],
  env: Record<string, string>,
  timeoutMs: number,
): Promise<{ message: unknown; end: () => void }> {
  const child = fork(probeScript, args, {
    stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
    env: { ...process.env, ...env, ELECTRON_RUN_AS_NODE: '1' },
    execArgv: [],
  });
  const end = () => child.kill('SIGKILL');
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      end();
      resolve({ message: { error: `no answer within ${timeoutMs / 1000} s` }, end });
    }, timeoutMs);
    child.on('message', (message) => {
      clearTimeout(timer);
      resolve({ message, end });
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ message: { error: `the child exited with ${code} without an answer` }, end });
    });
  });
}

type Trained = { backend: BackendName } & ({ result: DoctorResult } | { error: string });

async function train(probeScript: string, backend: BackendName, steps: number): Promise<Trained> {
  const { message } = await childReply(
    probeScript,
    ['doctor', backend, String(steps)],
    {},
    600_000,
  );
  const parsed = doctorResultSchema.safeParse(message);
  if (parsed.success) return { backend, result: parsed.data };
  const error = (message as { error?: unknown }).error;
  return { backend, error: typeof error === 'string' ? error : 'an unreadable answer' };
}

function trainingLines(runs: readonly Trained[]): { lines: string[]; ok: boolean } {
  const wasm = runs.find((r) => r.backend === 'wasm');
  const reference = wasm !== undefined && 'result' in wasm ? wasm.result.finalLoss : null;
  let ok = true;
  const lines = runs.map((run) => {
    if ('error' in run) {
      ok = false;
      return `  ${run.backend.padEnd(15)} failed: ${run.error}`;
    }
    const { finalLoss, samplesPerSecond, gpuBytes } = run.result;
    const relative =
      reference === null ? null : Math.abs(finalLoss - reference) / Math.abs(reference);
    const agrees =
      relative === null ? 'no wasm to compare' : relative <= AGREEMENT ? 'agrees' : 'DISAGREES';
    if (relative !== null && relative > AGREEMENT) ok = false;
    const gpu = gpuBytes === null ? '' : `, GPU buffers ${megabytes(gpuBytes)}`;
    return `  ${run.backend.padEnd(15)} ${String(samplesPerSecond).padStart(8)} samples/s, loss ${finalLoss.toFixed(6)} (${agrees} with wasm${relative === null ? '' : `, relative difference ${relative.toExponential(1)}`})${gpu}`;
  });
  return { lines, ok };
}

/**
 * On a machine with two or more NVIDIA GPUs: a child on GPU slot 0 and one on slot 1 each fill a
 * 1 GiB buffer through WebGPU; nvidia-smi must count each on its own GPU.
 */
async function twoSlotsCheck(probeScript: string): Promise<{ lines: string[]; ok: boolean }> {
  const gpus = await discoverGpus();
  if (gpus.devices.length < 2) return { lines: [], ok: true };
  const facts = await placementFacts(gpus);
  const lines = ['', 'Two slots, two adapters:'];
  const landed: (number | null)[] = [];
  for (const index of [0, 1]) {
    const before = await discoverGpus();
    const env = webgpuSlotEnvironment(facts, index);
    const { message, end } = await childReply(probeScript, ['hold', String(HOLD_MB)], env, 120_000);
    const after = await discoverGpus();
    end();
    const error = (message as { error?: unknown }).error;
    if (typeof error === 'string') {
      lines.push(`  slot on GPU ${index}: ${error}`);
      landed.push(null);
      continue;
    }
    const grew = after.devices.find((gpu) => {
      const was = before.devices.find((g) => g.index === gpu.index)?.memoryUsedMiB ?? 0;
      return (gpu.memoryUsedMiB ?? 0) - was >= HOLD_MB / 2;
    });
    landed.push(grew?.index ?? null);
    const named =
      Object.entries(env)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ') || 'no selection';
    lines.push(
      `  slot on GPU ${index} (${named}): ${HOLD_MB} MB landed on GPU ${grew?.index ?? '?'}`,
    );
  }
  const ok = landed[0] === 0 && landed[1] === 1;
  lines.push(
    `  ${ok ? 'OK: each slot used its own GPU' : 'FAILED: the two slots did not land on their own GPUs'}`,
  );
  return { lines, ok };
}

/** `basin doctor`: a short fixed training per available backend, compared with wasm. */
export async function doctorCommand(
  command: { steps: number; json: boolean },
  mainDir: string,
  print: (text: string) => void,
): Promise<number> {
  const { probeScript } = builtPaths(mainDir);
  const info = await createSystemInfoSource({ probeScript })();
  const available = info.backends.filter((b) => b.available).map((b) => b.name);
  const runs: Trained[] = [];
  for (const backend of available) runs.push(await train(probeScript, backend, command.steps));
  const training = trainingLines(runs);
  const placement = await twoSlotsCheck(probeScript);
  const ok = training.ok && placement.ok;
  if (command.json) {
    print(JSON.stringify({ ok, gpus: info.gpus, webgpu: info.webgpu, runs, placement }, null, 2));
    return ok ? 0 : 1;
  }
  const lines = [`Basin doctor: ${command.steps} training steps per backend`];
  for (const gpu of info.gpus.devices) lines.push(`  nvidia-smi GPU ${gpu.index}: ${gpu.name}`);
  for (const adapter of info.webgpu.adapters) lines.push(`  Dawn adapter: ${adapterText(adapter)}`);
  lines.push(`  placement: ${info.webgpu.placement.text}`);
  const skipped = info.backends.filter((b) => !b.available);
  for (const backend of skipped)
    lines.push(`  ${backend.name} not available: ${backend.reason ?? ''}`);
  const first = runs.find((r) => 'result' in r);
  lines.push(
    '',
    `Training (${first !== undefined && 'result' in first ? first.result.data : 'no data'}):`,
  );
  lines.push(
    ...training.lines,
    ...placement.lines,
    '',
    ok ? 'All checks passed.' : 'Some checks FAILED.',
  );
  print(lines.join('\n'));
  return ok ? 0 : 1;
}
