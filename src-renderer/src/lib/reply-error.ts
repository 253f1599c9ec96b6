import type { ReplyError } from '@shared/contract/envelope';

/**
 * A lab-core error in words. A refused spec carries its problems as `details` (a list of
 * `{ text }`); then the message's first line says what failed and the problems say what to fix.
 */
export function describeReplyError(error: ReplyError): { message: string; problems: string[] } {
  const problems = Array.isArray(error.details)
    ? error.details
        .map((item: unknown) =>
          item !== null && typeof item === 'object' && 'text' in item ? String(item.text) : null,
        )
        .filter((text) => text !== null)
    : [];
  const message = problems.length > 0 ? (error.message.split('\n')[0] ?? '') : error.message;
  return { message, problems };
}
