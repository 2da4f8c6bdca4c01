import { serializeCookieHeader } from "@supabase/ssr";
import { AppError } from "@/lib/api/errors";
import { isSameOrigin } from "@/lib/auth/request";
import { supabaseAuthConfig } from "@/lib/supabase/config";
import { supabaseStorageKey } from "@/lib/supabase/project";
import { supabaseForRequest } from "@/lib/supabase/server";
import { hasSupabaseSessionCookie } from "./session-cookie";
import { requestCookies } from "./authenticate";

/** In Supabase Auth mode, ends this browser's Supabase session (its refresh token is revoked) and clears its cookies. */
export async function signOutOfSupabase(req: Request, headers: Headers): Promise<void> {
  const config = supabaseAuthConfig();
  if (!config || !hasSupabaseSessionCookie(config.url, requestCookies(req).map((c) => c.name))) return;
  if (!isSameOrigin(req)) throw new AppError("forbidden", "Cross-origin request refused");
  const { client, applyCookies } = supabaseForRequest(req, config);
  const { error } = await client.auth.signOut({ scope: "local" }).catch((e: unknown) => ({ error: e }));
  applyCookies(headers);
  // The project unreachable: this browser's session cookies are cleared all the same.
  if (error) {
    const key = supabaseStorageKey(config.url);
    for (const { name } of requestCookies(req)) {
      if (name.startsWith(key)) headers.append("Set-Cookie", serializeCookieHeader(name, "", { path: "/", maxAge: 0, sameSite: "lax" }));
    }
  }
}
