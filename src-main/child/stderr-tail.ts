import type { ChildExit } from './launcher';

/** Keeps the last lines a child (trainer, evaluator, probe) wrote to stderr, bounded in lines and characters. */
export class StderrTail {
  private text = '';

  constructor(
    private readonly maxLines = 20,
    private readonly maxChars = 4000,
  ) {}

  append(chunk: string): void {
    this.text += chunk;
    if (this.text.length > this.maxChars * 2) this.text = this.text.slice(-this.maxChars);
  }

  lines(): string[] {
    const lines = this.text.split(/\r?\n/).filter((line) => line.trim() !== '');
    const kept: string[] = [];
    let chars = 0;
    for (let i = lines.length - 1; i >= 0 && kept.length < this.maxLines; i -= 1) {
      const line = lines[i] ?? '';
      if (chars + line.length > this.maxChars) break;
      kept.unshift(line);
      chars += line.length;
    }
    return kept;
  }
}

/**
 * The sentence for a child that ended without its answer: by default a trainer's (stored on the
 * run); `child` and `missing` name another child and what it owed.
 */
export function describeUnexpectedExit(
  exit: ChildExit,
  stderrLines: readonly string[],
  child = 'The trainer process',
  missing = 'before the run finished',
): string {
  const how =
    exit.cause !== undefined
      ? exit.cause
      : exit.signal !== null
        ? `${child} was killed by ${exit.signal}`
        : `${child} exited with code ${String(exit.code)}`;
  const said =
    stderrLines.length === 0
      ? ' and wrote nothing to stderr.'
      : `. Last lines of its stderr:\n${stderrLines.join('\n')}`;
  return `${how} ${missing}${said}`;
}
