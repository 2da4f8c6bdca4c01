/**
 * The Content-Security-Policy of every page: scripts only with this response's nonce (and what they
 * load, through 'strict-dynamic'), never inline handlers or `eval` (development excepted: React's
 * dev tooling needs `eval`); no framing; connections only to this origin (the API and its live
 * event stream) and, in Supabase mode, the project's URL for Realtime and Auth. Styles may be inline
 * (React style attributes, the charts'), never scripts.
 */
export function contentSecurityPolicy(nonce: string, opts: { dev?: boolean; supabaseUrl?: string } = {}): string {
  const supabase = opts.supabaseUrl ? supabaseOrigins(opts.supabaseUrl) : [];
  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    "script-src": [`'nonce-${nonce}'`, "'strict-dynamic'", ...(opts.dev ? ["'unsafe-eval'"] : [])],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'", ...supabase, ...(opts.dev ? ["ws:"] : [])],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
    "manifest-src": ["'self'"],
    "worker-src": ["'self'", "blob:"],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(" ")}`)
    .join("; ");
}

/** The project's https origin and its wss twin (Realtime), from NEXT_PUBLIC_SUPABASE_URL. */
function supabaseOrigins(url: string): string[] {
  const origin = new URL(url).origin;
  return [origin, origin.replace(/^http/, "ws")];
}

/** HSTS, only where the app is served over https (APP_URL says so). */
export const hsts = (appUrl: string | undefined): string | null => (appUrl?.startsWith("https://") ? "max-age=63072000; includeSubDomains" : null);

/** A fresh, unguessable nonce per response (128 bits, base64). */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
