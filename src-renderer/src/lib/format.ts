const oneDecimal = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });

export function formatBytes(bytes: number): string {
  const gib = bytes / 1024 ** 3;
  return gib >= 1 ? `${oneDecimal.format(gib)} GiB` : `${oneDecimal.format(bytes / 1024 ** 2)} MiB`;
}

export function formatMiB(mib: number | null): string {
  return mib === null ? 'not reported' : formatBytes(mib * 1024 ** 2);
}

export function formatMs(ms: number): string {
  return ms >= 1000 ? `${oneDecimal.format(ms / 1000)} s` : `${Math.round(ms)} ms`;
}
