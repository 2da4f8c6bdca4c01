/**
 * The Supabase project as proxy.ts sees it, read where lib/env cannot run, from an object passed in
 * at run time: `process.env.NEXT_PUBLIC_…` written out would be fixed into the build by Next.js.
 * `auth` is set only in Supabase Auth mode (SUPABASE_AUTH=1 with the URL and key).
 */
export function runtimeSupabase(source: Record<string, string | undefined> = process.env) {
  const url = source["NEXT_PUBLIC_SUPABASE_URL"] || undefined;
  const anonKey = source["NEXT_PUBLIC_SUPABASE_ANON_KEY"] || undefined;
  const flag = source["SUPABASE_AUTH"];
  const auth = url && anonKey && (flag === "1" || flag === "true") ? { url, anonKey } : null;
  return { url, auth };
}

/** Where supabase-js keeps the session: `sb-<first label of the project's host>-auth-token`. */
export const supabaseStorageKey = (url: string) => `sb-${new URL(url).hostname.split(".")[0]}-auth-token`;
