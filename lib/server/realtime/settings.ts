import { env, type Env } from "@/lib/env";

export type SupabaseRealtime = { url: string; anonKey: string; jwtSecret: string };

/** Supabase Realtime carries live status when the project's URL, anon key and JWT secret are all set; else null (SSE). */
export function supabaseRealtime(settings: Pick<Env, "NEXT_PUBLIC_SUPABASE_URL" | "NEXT_PUBLIC_SUPABASE_ANON_KEY" | "SUPABASE_JWT_SECRET"> = env()): SupabaseRealtime | null {
  const { NEXT_PUBLIC_SUPABASE_URL: url, NEXT_PUBLIC_SUPABASE_ANON_KEY: anonKey, SUPABASE_JWT_SECRET: jwtSecret } = settings;
  return url && anonKey && jwtSecret ? { url, anonKey, jwtSecret } : null;
}

/** The private Realtime topic a team's live events are broadcast on. */
export const teamTopic = (teamId: string) => `team:${teamId}`;
