import { combineChunks, stringFromBase64URL } from "@supabase/ssr";
import { supabaseStorageKey } from "@/lib/supabase/project";

export type CookieLike = { name: string; value: string };

/**
 * The access token in the session cookies @supabase/ssr writes (`sb-<ref>-auth-token`, perhaps in
 * chunks `.0`, `.1`…, `base64-` + base64url JSON). Read only: nothing here is trusted until the
 * token is verified, and nothing is refreshed (proxy.ts and the browser client refresh).
 */
export async function accessTokenFromCookies(projectUrl: string, cookies: CookieLike[]): Promise<string | null> {
  const jar = new Map(cookies.map((c) => [c.name, c.value]));
  const raw = await combineChunks(supabaseStorageKey(projectUrl), (name) => jar.get(name));
  if (!raw) return null;
  try {
    const text = raw.startsWith("base64-") ? stringFromBase64URL(raw.slice("base64-".length)) : raw;
    const session: unknown = JSON.parse(text);
    const token = typeof session === "object" && session !== null ? (session as { access_token?: unknown }).access_token : undefined;
    return typeof token === "string" && token.length < 16_384 ? token : null;
  } catch {
    return null;
  }
}

/** Whether a request carries Supabase session cookies at all (the proxy's optimistic check). */
export const hasSupabaseSessionCookie = (projectUrl: string, names: string[]) => {
  const key = supabaseStorageKey(projectUrl);
  return names.some((name) => name === key || name.startsWith(`${key}.`));
};
