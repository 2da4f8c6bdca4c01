import { createServerClient, serializeCookieHeader, type CookieOptions } from "@supabase/ssr";
import { requestCookies } from "@/lib/server/supabase-auth/authenticate";
import { serverClientOptions } from "./server-options";
import type { SupabaseAuthConfig } from "./config";

type PendingCookie = { name: string; value: string; options: CookieOptions };

/**
 * A Supabase client for one request on the server: cookies come from the request (getAll) and what
 * the client writes (setAll: a new session, a cleared one) is collected for the response.
 */
export function supabaseForRequest(req: Request, config: SupabaseAuthConfig) {
  const pending: PendingCookie[] = [];
  const client = createServerClient(config.url, config.anonKey, {
    ...serverClientOptions,
    cookies: {
      getAll: () => requestCookies(req),
      setAll: (cookies) => {
        pending.push(...cookies);
      },
    },
  });
  /** Adds the cookies the client set to a response's headers. */
  const applyCookies = (headers: Headers) => {
    for (const c of pending) headers.append("Set-Cookie", serializeCookieHeader(c.name, c.value, c.options));
  };
  return { client, applyCookies };
}
