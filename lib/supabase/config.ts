import { env } from "@/lib/env";

export type SupabaseAuthConfig = { url: string; anonKey: string; issuer: string; jwtSecret?: string };

/** The project to sign in through, or null when the built-in accounts are in use (the default). */
export function supabaseAuthConfig(): SupabaseAuthConfig | null {
  const settings = env();
  const url = settings.NEXT_PUBLIC_SUPABASE_URL;
  const anonKey = settings.NEXT_PUBLIC_SUPABASE_ANON_KEY;
  if (!settings.SUPABASE_AUTH || !url || !anonKey) return null;
  const base = url.replace(/\/+$/, "");
  return { url: base, anonKey, issuer: `${base}/auth/v1`, jwtSecret: settings.SUPABASE_JWT_SECRET };
}
