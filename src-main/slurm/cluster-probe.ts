import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LabError } from '@shared/contract/envelope';
import { sbatchOptions, type SlurmSettings } from '@shared/slurm/settings';
import { runSlurmTool } from './slurm-tools';

export interface ProbeInput {
  settings: SlurmSettings;
  sharedDir: string;
  /** host:port of the lab's trainer listener. */
  labAddress: string;
  nodeBinary: string;
}

const PROBE_WAIT_MS = 120_000;

/**
 * Checks, before any run is submitted, what a job needs from the cluster: a one-line test job must
 * read back a file the lab wrote in the shared folder, and reach the lab's listener. Each failure
 * is a sentence saying what to change.
 */
export async function probeCluster(input: ProbeInput): Promise<void> {
  const dir = join(input.sharedDir, 'probe');
  await mkdir(dir, { recursive: true });
  const secret = randomUUID();
  const file = join(dir, `${secret}.txt`);
  const output = join(dir, `${secret}.out`);
  await writeFile(file, secret);
  const [host, port] = [
    input.labAddress.slice(0, input.labAddress.lastIndexOf(':')),
    input.labAddress.slice(input.labAddress.lastIndexOf(':') + 1),
  ];
  const connect = `require('net').connect(${Number(port)}, ${JSON.stringify(host)}).on('connect', () => { console.log('lab reachable'); process.exit(0); }).on('error', (e) => { console.log('lab unreachable: ' + e.message); process.exit(0); })`;
  const options = sbatchOptions({ ...input.settings, time: '2', gpusPerRun: 0, cpusPerRun: 1 });
  try {
    await runSlurmTool(
      'sbatch',
      [
        '--wait',
        '--job-name=basin-probe',
        `--output=${output}`,
        ...options,
        '--wrap',
        `cat ${JSON.stringify(file)}; echo; ELECTRON_RUN_AS_NODE=1 ${JSON.stringify(input.nodeBinary)} -e ${JSON.stringify(connect)}`,
      ],
      PROBE_WAIT_MS,
    );
    let said = '';
    try {
      said = await readFile(output, 'utf8');
    } catch {
      throw new LabError(
        'unavailable',
        `The probe job's output ${output} never appeared here: ${input.sharedDir} is not shared between this machine and the compute nodes. Give --shared-dir a folder every node sees at the same path.`,
      );
    }
    if (!said.includes(secret)) {
      throw new LabError(
        'unavailable',
        `A probe job could not read back ${file}: ${input.sharedDir} is not shared with the compute nodes. Give --shared-dir a folder every node sees at the same path.`,
      );
    }
    const unreachable = /lab unreachable: (.*)/.exec(said);
    if (unreachable !== null || !said.includes('lab reachable')) {
      throw new LabError(
        'unavailable',
        unreachable !== null
          ? `Compute nodes cannot reach the lab at ${input.labAddress} (${unreachable[1] ?? ''}): open that port to the nodes or set BASIN_LAB_HOST to an address they can reach.`
          : `The probe job could not run Node at ${input.nodeBinary} on the compute node: install Node 22 and Basin at the same path on the nodes. It printed: ${said.trim().slice(0, 500)}`,
      );
    }
  } finally {
    await rm(file, { force: true });
    await rm(output, { force: true });
  }
}
