import { resolve } from 'node:path';
import { createLabCore } from '../lab/lab-core';
import { builtPaths, defaultDataDir } from '../paths';
import { isLoopback, networkWarning } from '../server/host-names';
import { startBrowserMode } from '../server/http-server';

export interface ServeCommand {
  host: string;
  port: number;
  dataDir: string | null;
}

/** `basin serve`: runs browser mode until SIGINT or SIGTERM. */
export async function serve(command: ServeCommand, mainDir: string): Promise<void> {
  const paths = builtPaths(mainDir);
  const dataDir = resolve(command.dataDir ?? defaultDataDir());
  const core = await createLabCore({
    dataDir,
    probeScript: paths.probeScript,
    trainerScript: paths.trainerScript,
    evaluatorScript: paths.evaluatorScript,
    landscapeScript: paths.landscapeScript,
    resourcesDir: paths.resourcesDir,
  });
  const server = await startBrowserMode({
    core,
    rendererDir: paths.rendererDir,
    host: command.host,
    port: command.port,
  });
  const stop = () => {
    Promise.all([server.close(), core.close()]).then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  // Listening before announcing: whoever reads the address may stop the lab at once.
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  process.stdout.write(
    `Basin browser mode\n  data: ${dataDir}\n  open: ${server.url}\nPress Ctrl+C to stop.\n`,
  );
  if (!isLoopback(command.host)) process.stderr.write(`${networkWarning(command.host)}\n`);
}
