import { summarizePartitions, SINFO_NODE_FORMAT } from '@shared/slurm/sinfo';
import type { SlurmCluster } from '@shared/contract/slurm';
import { runSlurmTool } from './slurm-tools';

/** The cluster as `sinfo` shows it; unavailable, with the reason, where no Slurm answers. */
export async function clusterSummary(): Promise<SlurmCluster> {
  try {
    const version = (await runSlurmTool('sinfo', ['--version'], 10_000)).trim();
    const nodes = await runSlurmTool('sinfo', ['-h', '-N', '-O', SINFO_NODE_FORMAT], 10_000);
    return { available: true, reason: null, version, partitions: summarizePartitions(nodes) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { available: false, reason, version: null, partitions: [] };
  }
}
