import { adapterText, megabytes } from '@shared/devices/engine-text';
import { builtPaths } from '../paths';
import { AGREEMENT, runDoctor, type DoctorReport } from '../system/doctor';

function formatReport(report: DoctorReport, steps: number): string {
  const { info } = report;
  const lines = [`Basin doctor: ${steps} training steps per available backend`];
  for (const gpu of info.gpus.devices) lines.push(`  nvidia-smi GPU ${gpu.index}: ${gpu.name}`);
  for (const adapter of info.webgpu.adapters) lines.push(`  Dawn adapter: ${adapterText(adapter)}`);
  lines.push(`  placement: ${info.webgpu.placement.text}`);
  for (const backend of info.backends.filter((b) => !b.available)) {
    lines.push(`  ${backend.name} not available: ${backend.reason ?? ''}`);
  }
  const first = report.runs.find((run) => 'data' in run);
  lines.push('', `Training (${first !== undefined && 'data' in first ? first.data : 'no data'}):`);
  for (const run of report.runs) {
    if ('error' in run) {
      lines.push(`  ${run.backend.padEnd(15)} FAILED: ${run.error}`);
      continue;
    }
    const relative = run.relativeToWasm;
    const agreement =
      relative === null
        ? 'no wasm to compare'
        : `${relative <= AGREEMENT ? 'agrees with' : 'DISAGREES with'} wasm, relative difference ${relative.toExponential(1)}`;
    const gpu = run.gpuBytes === null ? '' : `, GPU buffers ${megabytes(run.gpuBytes)}`;
    lines.push(
      `  ${run.backend.padEnd(15)} ${String(run.samplesPerSecond).padStart(8)} samples/s, loss ${run.finalLoss.toFixed(6)} (${agreement})${gpu}`,
      `  ${''.padEnd(15)} on ${run.device}`,
    );
  }
  if (report.twoSlots !== null) {
    lines.push('', 'Two slots, two adapters (a 1 GiB WebGPU buffer per slot, seen by nvidia-smi):');
    for (const slot of report.twoSlots.slots) {
      const env = Object.entries(slot.env).map(([k, v]) => `${k}=${v}`);
      const where = slot.error ?? `landed on GPU ${slot.landedOn ?? '? (no GPU grew)'}`;
      lines.push(`  slot on GPU ${slot.gpuIndex} (${env.join(' ') || 'no selection'}): ${where}`);
    }
    lines.push(`  ${report.twoSlots.ok ? 'OK: each slot used its own GPU' : 'FAILED'}`);
  }
  lines.push('', report.ok ? 'All checks passed.' : 'Some checks FAILED.');
  return lines.join('\n');
}

/** `basin doctor [--steps N] [--json]`: exits 0 when every check passed, 1 otherwise. */
export async function doctorCommand(
  command: { steps: number; json: boolean },
  mainDir: string,
  print: (text: string) => void,
): Promise<number> {
  const { probeScript, doctorScript } = builtPaths(mainDir);
  const report = await runDoctor({ probeScript, doctorScript }, command.steps);
  print(command.json ? JSON.stringify(report, null, 2) : formatReport(report, command.steps));
  return report.ok ? 0 : 1;
}
