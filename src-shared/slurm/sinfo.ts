/**
 * `sinfo -h -N -O 'Partition:|,NodeList:|,StateLong:|,Gres:|,GresUsed:|,CPUsState:|'`, one line per
 * node and partition, summed up per partition for the Devices view.
 */
export interface PartitionSummary {
  name: string;
  /** The partition jobs go to when none is named (sinfo marks it with *). */
  isDefault: boolean;
  nodes: number;
  /** How many nodes are in each state (idle, mixed, allocated, down, drained, ...). */
  nodeStates: Record<string, number>;
  gpusAllocated: number;
  gpusIdle: number;
  cpusAllocated: number;
  cpusIdle: number;
}

export const SINFO_NODE_FORMAT = 'Partition:|,NodeList:|,StateLong:|,Gres:|,GresUsed:|,CPUsState:|';

/** The GPUs in a Gres or GresUsed field: "gpu:2", "gpu:a100:4(S:0-1)", "gpu:1(IDX:0),gpu:v100:2". */
export function gpuCount(field: string): number {
  return field
    .replace(/\([^)]*\)/g, '')
    .split(',')
    .filter((entry) => entry.startsWith('gpu'))
    .reduce((sum, entry) => sum + (Number(entry.split(':').at(-1)) || 0), 0);
}

export function summarizePartitions(text: string): PartitionSummary[] {
  const partitions = new Map<string, PartitionSummary>();
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const [rawName, , state, gres, gresUsed, cpus] = line.split('|').map((field) => field.trim());
    if (rawName === undefined || state === undefined || cpus === undefined) {
      throw new Error(`sinfo printed a line Basin cannot read: "${line}"`);
    }
    const name = rawName.replace(/\*$/, '');
    const summary = partitions.get(name) ?? {
      name,
      isDefault: rawName.endsWith('*'),
      nodes: 0,
      nodeStates: {},
      gpusAllocated: 0,
      gpusIdle: 0,
      cpusAllocated: 0,
      cpusIdle: 0,
    };
    const total = gpuCount(gres ?? '');
    const used = gpuCount(gresUsed ?? '');
    const [allocated = 0, idle = 0] = cpus.split('/').map(Number);
    summary.nodes += 1;
    summary.nodeStates[state] = (summary.nodeStates[state] ?? 0) + 1;
    summary.gpusAllocated += used;
    summary.gpusIdle += Math.max(0, total - used);
    summary.cpusAllocated += allocated;
    summary.cpusIdle += idle;
    partitions.set(name, summary);
  }
  return [...partitions.values()];
}
