import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, hsts, newNonce } from "@/lib/csp";
import { hasSupabaseSessionCookie } from "@/lib/server/supabase-auth/session-cookie";
import { refreshSupabaseSession } from "@/lib/supabase/middleware";
import { runtimeSupabase } from "@/lib/supabase/project";

// Every page gets a Content-Security-Policy with a nonce of its own: Next.js reads it from the
// request's header and puts it on its scripts; the root layout reads x-nonce for its theme script.
// On /dashboard, an optimistic check only (pages still verify the session against the database):
// visitors with no session cookie go straight to log-in with a way back; pages learn their own
// path from x-pathname. In Supabase Auth mode the Supabase session is refreshed here first.
export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const next = `${pathname}${search}`;
  const isDashboard = pathname === "/dashboard" || pathname.startsWith("/dashboard/");
  const supabase = runtimeSupabase();
  const refreshed = supabase.auth ? await refreshSupabaseSession(request, supabase.auth) : [];
  const hasSession = supabase.auth
    ? hasSupabaseSessionCookie(supabase.auth.url, request.cookies.getAll().map((c) => c.name))
    : request.cookies.has("ocf_session");
  if (isDashboard && !hasSession) {
    const login = new URL("/login", request.url);
    login.searchParams.set("next", next);
    return NextResponse.redirect(login);
  }
  const nonce = newNonce();
  const csp = contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === "development", supabaseUrl: supabase.url });
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", csp);
  if (isDashboard) headers.set("x-pathname", next);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", csp);
  for (const c of refreshed) response.cookies.set(c.name, c.value, c.options);
  const strict = hsts(process.env.APP_URL);
  if (strict) response.headers.set("Strict-Transport-Security", strict);
  return response;
}

// Pages only: not the API (JSON, and the ingest front answers heartbeats before Next.js), not
// static files, not prefetches (their payloads carry no HTML to protect).
export const config = {
  matcher: [
    {
      source: "/((?!api/|_next/static|_next/image|favicon\\.ico|install\\.sh|clawfleet/).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
