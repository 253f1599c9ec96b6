import { experimentNameSchema } from '@shared/contract/experiments';

/** What is wrong with a new experiment name, in words; null when it can be used. */
export function renameProblem(name: string, current: string): string | null {
  const parsed = experimentNameSchema.safeParse(name);
  if (!parsed.success) {
    return name.trim() === ''
      ? 'Type a name: it cannot be empty.'
      : `The name is too long (${name.trim().length} characters; at most 200).`;
  }
  if (parsed.data === current) return 'That is its name already: type a different one.';
  return null;
}
