import { assertNever, LabError } from '@shared/contract/envelope';
import { version } from '../../package.json';
import { resolve } from 'node:path';
import { diskFullSentence, isDiskFull } from '../lab/disk-full';
import { defaultDataDir } from '../paths';
import { parseCli, USAGE } from './args';
import { EXIT_BAD_INPUT, EXIT_RUNS_FAILED } from './exit-codes';

// Each command's module is imported when that command runs, not before: `basin --help` and
// `basin ls` must not load the server (ws, http) or the lab core that `serve` and `run` need.

function print(text: string): void {
  process.stdout.write(`${text}\n`);
}

/** The data folder a command line names (or the default), for messages about its disk. */
function dataDirOf(argv: readonly string[]): string {
  const command = parseCli(argv);
  const named = 'dataDir' in command ? command.dataDir : null;
  return resolve(named ?? defaultDataDir());
}

/** Entry of the `basin` command (bin/basin.cjs loads this bundle, out/main/cli.js). */
async function main(argv: readonly string[]): Promise<void> {
  const command = parseCli(argv);
  switch (command.kind) {
    case 'help':
      process.stdout.write(`${USAGE}\n`);
      return;
    case 'version':
      process.stdout.write(`${version}\n`);
      return;
    case 'serve':
      return (await import('./serve')).serve(command, __dirname);
    case 'run': {
      const stdout = {
        isTTY: process.stdout.isTTY === true,
        columns: process.stdout.columns,
        write: (text: string) => void process.stdout.write(text),
      };
      const stderr = (text: string) => void process.stderr.write(text);
      // Until the runs are accounted for, an unexpected end is a failure, never a silent success.
      process.exitCode = EXIT_RUNS_FAILED;
      const { runCommand } = await import('./run-command');
      process.exitCode = await runCommand(command, __dirname, { stdout, stderr });
      return;
    }
    case 'landscape': {
      const { landscapeCommand } = await import('./landscape-command');
      process.exitCode = await landscapeCommand(command, __dirname, {
        stdout: { isTTY: false, write: (text: string) => void process.stdout.write(text) },
        stderr: (text: string) => void process.stderr.write(text),
      });
      return;
    }
    case 'ls':
      return print(await (await import('./record-commands')).lsCommand(command));
    case 'show':
      return print(await (await import('./record-commands')).showCommand(command));
    case 'export':
      return print(await (await import('./record-commands')).exportCommand(command));
    case 'info':
      return print(await (await import('./info-command')).infoCommand(command.json, __dirname));
    case 'doctor':
      process.exitCode = await (
        await import('./doctor-command')
      ).doctorCommand(command, __dirname, print);
      return;
    case 'backup':
      return print(await (await import('./backup-commands')).backupCommand(command));
    case 'restore':
      return print(await (await import('./backup-commands')).restoreCommand(command));
    case 'usage-error':
      process.stderr.write(`basin: ${command.message}\nRun \`basin --help\` for usage.\n`);
      process.exitCode = EXIT_BAD_INPUT;
      return;
    default:
      return assertNever(command, 'command');
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (isDiskFull(error)) {
    // The sentence names the space left where Basin writes, not SQLite's or the kernel's wording.
    process.stderr.write(`basin: ${diskFullSentence(dataDirOf(process.argv.slice(2)))}\n`);
    process.exitCode = EXIT_RUNS_FAILED;
    return;
  }
  process.stderr.write(`basin: ${error instanceof Error ? error.message : String(error)}\n`);
  // Input the lab refused (a spec that does not validate, an unknown run, a path it will not write)
  // is bad input.
  const refused =
    error instanceof LabError &&
    (error.code === 'invalid_argument' || error.code === 'not_found' || error.code === 'conflict');
  process.exitCode = refused ? EXIT_BAD_INPUT : EXIT_RUNS_FAILED;
});
