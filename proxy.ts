import { NextResponse, type NextRequest } from "next/server";

// An optimistic check only: pages still verify the session against the database. Visitors with
// no session cookie go straight to log-in with a way back; pages learn their own path from x-pathname.
export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const next = `${pathname}${search}`;
  if (!request.cookies.has("ocf_session")) {
    const login = new URL("/login", request.url);
    login.searchParams.set("next", next);
    return NextResponse.redirect(login);
  }
  const headers = new Headers(request.headers);
  headers.set("x-pathname", next);
  return NextResponse.next({ request: { headers } });
}

export const config = { matcher: ["/dashboard", "/dashboard/:path*"] };
