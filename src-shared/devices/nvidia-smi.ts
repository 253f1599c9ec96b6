import { assertNever } from '../contract/envelope';
import type { Gpu } from '../contract/system';

/** The one query Basin asks nvidia-smi; the parser below expects exactly these columns. */
export const NVIDIA_SMI_ARGS = [
  '--query-gpu=index,name,memory.total,memory.used,utilization.gpu,driver_version',
  '--format=csv,noheader,nounits',
] as const;

/** What running nvidia-smi came to, as seen by whoever ran it. */
export type NvidiaSmiOutcome =
  | { kind: 'not-installed' }
  | { kind: 'timed-out'; afterMs: number }
  | { kind: 'exited'; exitCode: number | null; stdout: string; stderr: string };

export interface GpuDiscovery {
  devices: Gpu[];
  /** Why there are no GPUs, or why some rows were left out; null when every GPU was read. */
  reason: string | null;
}

export interface ParsedNvidiaSmi {
  devices: Gpu[];
  /** Non-blank lines that are not a GPU row (driver errors, warnings, garbage), trimmed. */
  unreadable: string[];
}

const COLUMNS = 6;

/**
 * nvidia-smi writes `[N/A]`, `[Not Supported]`, `[Unknown Error]` and the like where a driver
 * cannot report a value; older drivers write a bare `N/A`.
 */
function isNotAvailable(field: string): boolean {
  return field === 'N/A' || /^\[[^\]]*\]$/.test(field);
}

/** A number, null when not available, undefined when the field is not a number at all. */
function readNumber(field: string): number | null | undefined {
  if (isNotAvailable(field)) return null;
  return /^\d+(\.\d+)?$/.test(field) ? Number(field) : undefined;
}

function parseRow(line: string): Gpu | undefined {
  const fields = line.split(',').map((field) => field.trim());
  if (fields.length < COLUMNS) return undefined;
  const [indexField = ''] = fields;
  // A GPU name may itself contain commas, so the name is everything between index and the
  // four trailing columns.
  const name = fields.slice(1, -4).join(', ');
  const [totalField = '', usedField = '', utilizationField = '', driverField = ''] =
    fields.slice(-4);
  if (!/^\d+$/.test(indexField) || name === '' || isNotAvailable(name)) return undefined;
  const memoryTotalMiB = readNumber(totalField);
  const memoryUsedMiB = readNumber(usedField);
  const utilizationPercent = readNumber(utilizationField);
  if (memoryTotalMiB === undefined || memoryUsedMiB === undefined) return undefined;
  if (utilizationPercent === undefined || (utilizationPercent ?? 0) > 100) return undefined;
  if (driverField === '') return undefined;
  return {
    index: Number(indexField),
    name,
    memoryTotalMiB,
    memoryUsedMiB,
    utilizationPercent,
    driverVersion: isNotAvailable(driverField) ? null : driverField,
  };
}

/** Reads the CSV that `nvidia-smi ${NVIDIA_SMI_ARGS}` prints, keeping what it cannot read. */
export function parseNvidiaSmiCsv(stdout: string): ParsedNvidiaSmi {
  const devices: Gpu[] = [];
  const unreadable: string[] = [];
  for (const raw of stdout.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '') continue;
    const gpu = parseRow(line);
    if (gpu) devices.push(gpu);
    else unreadable.push(line);
  }
  return { devices, unreadable };
}

function firstLine(text: string): string | undefined {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .find((line) => line !== '');
}

/** Turns whatever happened when nvidia-smi ran into the GPUs found and, if any are missing, why. */
export function interpretNvidiaSmi(outcome: NvidiaSmiOutcome): GpuDiscovery {
  switch (outcome.kind) {
    case 'not-installed':
      return {
        devices: [],
        reason: 'nvidia-smi was not found on PATH, so no NVIDIA driver is visible.',
      };
    case 'timed-out':
      return {
        devices: [],
        reason: `nvidia-smi did not answer within ${outcome.afterMs} ms.`,
      };
    case 'exited': {
      const { devices, unreadable } = parseNvidiaSmiCsv(outcome.stdout);
      if (outcome.exitCode !== 0) {
        // Its error text arrives on stdout among any rows it could still read, or on stderr.
        const said = unreadable[0] ?? firstLine(outcome.stderr) ?? 'no message';
        const exit = outcome.exitCode === null ? 'was killed' : `exited with ${outcome.exitCode}`;
        return { devices, reason: `nvidia-smi ${exit}: ${said}` };
      }
      const [firstUnreadable] = unreadable;
      if (firstUnreadable !== undefined) {
        const more = unreadable.length > 1 ? ` (and ${unreadable.length - 1} more lines)` : '';
        return {
          devices,
          reason: `nvidia-smi printed a line Basin could not read: "${firstUnreadable}"${more}`,
        };
      }
      return {
        devices,
        reason: devices.length === 0 ? 'nvidia-smi ran but listed no GPUs.' : null,
      };
    }
    default:
      return assertNever(outcome, 'nvidia-smi outcome');
  }
}
