import { createServerClient, type CookieOptions } from "@supabase/ssr";
import { serverClientOptions } from "./server-options";
import type { NextRequest } from "next/server";

type RefreshedCookie = { name: string; value: string; options: CookieOptions };

/**
 * Keeps a Supabase session fresh on page requests: an expired access token is refreshed, the new
 * cookies go onto the request (so the page sees them) and are returned for the response. Nothing is
 * trusted here: pages and the API verify the access token themselves.
 */
export async function refreshSupabaseSession(request: NextRequest, project: { url: string; anonKey: string }): Promise<RefreshedCookie[]> {
  const refreshed: RefreshedCookie[] = [];
  const client = createServerClient(project.url, project.anonKey, {
    ...serverClientOptions,
    cookies: {
      getAll: () => request.cookies.getAll(),
      setAll: (cookies) => {
        for (const c of cookies) request.cookies.set(c.name, c.value);
        refreshed.push(...cookies);
      },
    },
  });
  // getSession only to refresh (verification is not its job here); a project that cannot be
  // reached leaves the cookies as they are.
  await client.auth.getSession().catch(() => undefined);
  return refreshed;
}
