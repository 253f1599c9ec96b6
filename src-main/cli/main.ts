import { assertNever } from '@shared/contract/envelope';
import { version } from '../../package.json';
import { parseCli, USAGE } from './args';
import { serve } from './serve';

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
      return serve(command, __dirname);
    case 'usage-error':
      process.stderr.write(`basin: ${command.message}\nRun \`basin --help\` for usage.\n`);
      process.exitCode = 2;
      return;
    default:
      return assertNever(command, 'command');
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`basin: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
