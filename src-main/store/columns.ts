/** Conversions between column values and what the repositories hand out. */

/** Times are stored as integer milliseconds since the Unix epoch and handed out as ISO 8601. */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}

export function isoTimeOrNull(ms: number | null): string | null {
  return ms === null ? null : isoTime(ms);
}

/** JSON columns are guarded by json_valid checks, so parsing them cannot fail. */
export function jsonColumn<T = unknown>(text: string): T {
  return JSON.parse(text) as T;
}

export function jsonColumnOrNull<T = unknown>(text: string | null): T | null {
  return text === null ? null : jsonColumn<T>(text);
}
