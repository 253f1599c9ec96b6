import { parseArgs } from 'node:util';
import {
  BACKUP_COMMANDS,
  parseBackup,
  parseRestore,
  type BackupCommand,
  type RestoreCommand,
} from './backup-args';
import { LAB_COMMANDS, LAB_OPTIONS, labCommandParsers, type LabCommand } from './lab-args';
import {
  SYSTEM_COMMANDS,
  SYSTEM_OPTIONS,
  systemCommandParsers,
  type SystemCommand,
} from './system-args';
import { UsageError } from './usage-error';

export type CliCommand =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'serve'; host: string; port: number; dataDir: string | null }
  | LabCommand
  | SystemCommand
  | BackupCommand
  | RestoreCommand
  | { kind: 'usage-error'; message: string };

export const USAGE = `Usage: basin <command> [options]

Commands:
  serve            Serve the Basin UI to a browser (browser mode)
${LAB_COMMANDS}
${SYSTEM_COMMANDS}
${BACKUP_COMMANDS}

Options for serve:
  --host <address>   Address to bind (default 127.0.0.1)
  --port <number>    Port to listen on, 0 for a free one (default 0)
  --data-dir <path>  Where Basin keeps its data (default $BASIN_DATA_DIR or ~/.basin)

${LAB_OPTIONS}

${SYSTEM_OPTIONS}

Global options:
  -h, --help       Show this help
  -v, --version    Show Basin's version`;

function parsePort(text: string | undefined): number {
  if (text === undefined) return 0;
  if (!/^\d+$/.test(text) || Number(text) > 65_535) {
    throw new UsageError(`--port must be a whole number from 0 to 65535, received "${text}".`);
  }
  return Number(text);
}

function parseServe(args: string[]): CliCommand {
  const { values } = parseArgs({
    args,
    strict: true,
    allowPositionals: false,
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return { kind: 'help' };
  if (values.host === '') throw new UsageError('--host needs an address, received "".');
  return {
    kind: 'serve',
    host: values.host ?? '127.0.0.1',
    port: parsePort(values.port),
    dataDir: values['data-dir'] || null,
  };
}

function parseGlobal(args: string[]): CliCommand {
  const { values } = parseArgs({
    args,
    strict: true,
    allowPositionals: false,
    options: { help: { type: 'boolean', short: 'h' }, version: { type: 'boolean', short: 'v' } },
  });
  return values.version && !values.help ? { kind: 'version' } : { kind: 'help' };
}

const commands: Record<string, (args: string[]) => CliCommand> = {
  serve: parseServe,
  ...labCommandParsers,
  ...systemCommandParsers,
  backup: parseBackup,
  restore: parseRestore,
};

/** Reads `basin`'s arguments (without node and the script); never throws. */
export function parseCli(argv: readonly string[]): CliCommand {
  const [first, ...rest] = argv;
  try {
    if (first === undefined || first.startsWith('-')) return parseGlobal([...argv]);
    const parse = commands[first];
    if (!parse) return { kind: 'usage-error', message: `Unknown command "${first}".` };
    return parse(rest);
  } catch (error) {
    if (error instanceof UsageError) return { kind: 'usage-error', message: error.message };
    // parseArgs names the offending option in its message, e.g. "Unknown option '--prot'".
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (code.startsWith('ERR_PARSE_ARGS_')) {
      return { kind: 'usage-error', message: `${(error as Error).message}.` };
    }
    throw error;
  }
}
