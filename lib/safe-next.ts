/**
 * Where to go after signing in: only a path on this site (`/dashboard/agents?x=1`), never another
 * origin (`//evil.example`, `/\evil.example`, `https://…`); anything else goes to the dashboard.
 * Plain code, so pages on the server and forms in the browser share it.
 */
export function safeNext(next: unknown): string {
  if (typeof next !== "string" || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/dashboard";
  try {
    const base = "http://local.invalid";
    const url = new URL(next, base);
    return url.origin === base ? `${url.pathname}${url.search}${url.hash}` : "/dashboard";
  } catch {
    return "/dashboard";
  }
}
