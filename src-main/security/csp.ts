/**
 * The Content-Security-Policy of the renderer, wherever it is served from: only the app's own
 * scripts, styles and connections. `frame-ancestors` only works as a header, so index.html's meta
 * tag carries the rest (a test keeps the two in step).
 */
const documentDirectives = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  // 'self' covers the WebSocket to the same host and port in browser mode.
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
];

export const CSP_META = documentDirectives.join('; ');
export const CSP_HEADER = [...documentDirectives, "frame-ancestors 'none'"].join('; ');
