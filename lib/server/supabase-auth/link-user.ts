import { AppError } from "@/lib/api/errors";
import type { SessionUser } from "@/lib/auth/context";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import type { SupabaseAuthConfig } from "@/lib/supabase/config";
import { createPersonalTeam } from "../accounts/signup";
import type { SupabaseClaims } from "./verify";

type RemoteUser = { id: string; email?: string; email_confirmed_at?: string | null; user_metadata?: Record<string, unknown> };
type UserRow = SessionUser & { supabase_id: string | null };

const refused = (message: string) => new AppError("unauthorized", message);

/**
 * The user here for a verified Supabase user: found by its `sub`; on first sign-in, created with a
 * personal team as sign-up does, or linked to an existing account with the same e-mail only when
 * Supabase says that address is confirmed (otherwise whoever typed it could take the account over).
 */
export async function userForSupabase(claims: SupabaseClaims, accessToken: string, config: SupabaseAuthConfig, ip: string): Promise<SessionUser> {
  const sql = await db();
  const [known] = await sql<SessionUser[]>`select id, email, name from users where supabase_id = ${claims.sub}`;
  if (known) return known;
  const remote = await fetchSupabaseUser(config, accessToken);
  if (remote.id !== claims.sub) throw refused("Sign in again: the Supabase session is not valid");
  const email = remote.email?.trim().toLowerCase() ?? "";
  if (email.length < 3 || email.length > 254) throw refused("This Supabase account has no e-mail address; sign in with one that has");
  const confirmed = Boolean(remote.email_confirmed_at);
  const meta = remote.user_metadata ?? {};
  const name = [meta.full_name, meta.name].find((v): v is string => typeof v === "string")?.trim().slice(0, 100) ?? "";
  return sql.begin(async (tx) => {
    // Two first requests at once (the page and its API calls) create one row, not two.
    await tx`select pg_advisory_xact_lock(hashtextextended(${`supabase-user:${claims.sub}`}, 0))`;
    const [again] = await tx<SessionUser[]>`select id, email, name from users where supabase_id = ${claims.sub}`;
    if (again) return again;
    const [existing] = await tx<UserRow[]>`select id, email, name, supabase_id from users where lower(email) = ${email} for update`;
    if (existing) {
      if (existing.supabase_id || !confirmed) {
        throw refused("An account with this e-mail already exists here; confirm the address with Supabase to link it");
      }
      await tx`update users set supabase_id = ${claims.sub}, updated_at = now() where id = ${existing.id}`;
      return { id: existing.id, email: existing.email, name: existing.name };
    }
    if (env().SIGNUP === "closed") throw refused("Sign-up is closed on this server; ask for an invitation");
    // No password here: it lives with Supabase, and "supabase" is no hash any password matches.
    const [user] = await tx<SessionUser[]>`
      insert into users (email, name, password_hash, supabase_id) values (${email}, ${name}, 'supabase', ${claims.sub})
      returning id, email, name`;
    if (!user) throw new AppError("internal", "User was not created");
    await createPersonalTeam(tx, user, ip);
    return user;
  });
}

/** The Supabase user behind an access token (`GET /auth/v1/user`), for whether its e-mail is confirmed. */
async function fetchSupabaseUser(config: SupabaseAuthConfig, accessToken: string): Promise<RemoteUser> {
  const res = await fetch(`${config.issuer}/user`, {
    headers: { apikey: config.anonKey, authorization: `Bearer ${accessToken}` },
    signal: AbortSignal.timeout(10_000),
  }).catch(() => null);
  if (!res?.ok) throw refused("Supabase did not confirm the account; try signing in again");
  const body = (await res.json().catch(() => null)) as RemoteUser | null;
  if (!body || typeof body.id !== "string") throw refused("Supabase did not confirm the account; try signing in again");
  return body;
}
