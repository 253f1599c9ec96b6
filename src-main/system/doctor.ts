import { doctorReplySchema, type DoctorReply, type DoctorRequest } from '@shared/contract/doctor';
import type { BackendName, ProbeErrand, SystemInfo } from '@shared/contract/system';
import { webgpuSlotEnvironment } from '@shared/devices/webgpu-placement';
import { nodeLauncher } from '../child/node-launcher';
import { runChild } from '../child/run-child';
import { discoverGpus } from './gpus';
import { createSystemInfoSource } from './system-info';
import { placementFacts } from './webgpu-adapters';

/** Losses that differ from wasm's by more than this (relative) mean a backend computes wrongly. */
export const AGREEMENT = 1e-3;
const HOLD_MB = 1024;

export interface DoctorScripts {
  probeScript: string;
  doctorScript: string;
}

export interface SlotCheck {
  gpuIndex: number;
  env: Record<string, string>;
  /** The GPU whose memory grew by the held buffer, or null; `error` when WebGPU failed. */
  landedOn: number | null;
  error: string | null;
}

export interface DoctorReport {
  ok: boolean;
  info: SystemInfo;
  runs: (DoctorReply & { relativeToWasm: number | null })[];
  /** Null on machines with fewer than two NVIDIA GPUs. */
  twoSlots: { ok: boolean; slots: SlotCheck[] } | null;
}

async function train(scripts: DoctorScripts, backend: BackendName, steps: number) {
  const request: DoctorRequest = { backend, steps };
  const outcome = await runChild(nodeLauncher, scripts.doctorScript, request, doctorReplySchema, {
    name: `The ${backend} doctor run`,
    timeoutMs: 600_000,
  });
  return outcome.ok ? outcome.reply : { backend, error: outcome.message };
}

/** A probe child holding a 1 GiB WebGPU buffer under a slot's environment: where does it land? */
async function holdOnSlot(
  probeScript: string,
  gpuIndex: number,
  env: Record<string, string>,
): Promise<SlotCheck> {
  const before = await discoverGpus();
  const child = nodeLauncher.launch({ script: probeScript, env });
  const reply = await new Promise<unknown>((resolve) => {
    const timer = setTimeout(() => resolve({ error: 'no answer within 120 s' }), 120_000);
    child.onMessage((message) => {
      clearTimeout(timer);
      resolve(message);
    });
    child.onExit((exit) => {
      clearTimeout(timer);
      resolve({ error: `the probe exited with ${exit.code} without an answer` });
    });
    const errand: ProbeErrand = { errand: 'hold', megabytes: HOLD_MB };
    child.send(errand);
  });
  const after = await discoverGpus();
  child.kill();
  const error = (reply as { error?: unknown }).error;
  if (typeof error === 'string') return { gpuIndex, env, landedOn: null, error };
  const grew = after.devices.find((gpu) => {
    const was = before.devices.find((g) => g.index === gpu.index)?.memoryUsedMiB ?? 0;
    return (gpu.memoryUsedMiB ?? 0) - was >= HOLD_MB / 2;
  });
  return { gpuIndex, env, landedOn: grew?.index ?? null, error: null };
}

/**
 * Runs basin doctor's checks: the fixed training on every available backend (each in its own
 * child, placed as a GPU slot's trainer would be), compared with wasm; and, with two or more
 * NVIDIA GPUs, whether slots on GPU 0 and 1 land on their own GPUs through WebGPU.
 */
export async function runDoctor(scripts: DoctorScripts, steps: number): Promise<DoctorReport> {
  const info = await createSystemInfoSource({ probeScript: scripts.probeScript })();
  const replies: DoctorReply[] = [];
  for (const backend of info.backends.filter((b) => b.available).map((b) => b.name)) {
    replies.push(await train(scripts, backend, steps));
  }
  const wasm = replies.find((r) => r.backend === 'wasm' && 'finalLoss' in r);
  const reference = wasm !== undefined && 'finalLoss' in wasm ? wasm.finalLoss : null;
  const runs = replies.map((reply) => ({
    ...reply,
    relativeToWasm:
      reference === null || !('finalLoss' in reply)
        ? null
        : Math.abs(reply.finalLoss - reference) / Math.abs(reference),
  }));
  let twoSlots: DoctorReport['twoSlots'] = null;
  if (info.gpus.devices.length >= 2) {
    const facts = await placementFacts(info.gpus);
    const slots: SlotCheck[] = [];
    for (const index of [0, 1]) {
      slots.push(await holdOnSlot(scripts.probeScript, index, webgpuSlotEnvironment(facts, index)));
    }
    twoSlots = { ok: slots.every((s) => s.landedOn === s.gpuIndex), slots };
  }
  const trainedOk = runs.every(
    (run) => 'finalLoss' in run && (run.relativeToWasm === null || run.relativeToWasm <= AGREEMENT),
  );
  return { ok: trainedOk && (twoSlots?.ok ?? true), info, runs, twoSlots };
}
