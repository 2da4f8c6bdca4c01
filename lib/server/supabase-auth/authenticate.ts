import { parseCookieHeader } from "@supabase/ssr";
import { AppError } from "@/lib/api/errors";
import type { Principal, SessionUser } from "@/lib/auth/context";
import { supabaseAuthConfig } from "@/lib/supabase/config";
import { userForSupabase } from "./link-user";
import { accessTokenFromCookies, type CookieLike } from "./session-cookie";
import { projectJwks, verifySupabaseToken } from "./verify";

/**
 * The person behind a request's Supabase session cookies: the access token is verified here on every
 * request (signature against the project's keys, issuer, audience, expiry), then mapped to the user
 * row, so teams, roles, tokens and audit work as with built-in sessions.
 */
export async function authenticateSupabase(cookies: CookieLike[], ip: string): Promise<Principal> {
  const config = supabaseAuthConfig();
  if (!config) throw new AppError("unauthorized", "Sign in or send a valid API token");
  const token = await accessTokenFromCookies(config.url, cookies);
  if (!token) throw new AppError("unauthorized", "Sign in or send a valid API token");
  return { user: await finishSupabaseSignIn(token, ip), via: "session", ip };
}

/** Verifies an access token and finds (or, the first time, creates) the user it stands for. */
export async function finishSupabaseSignIn(token: string, ip: string): Promise<SessionUser> {
  const config = supabaseAuthConfig();
  if (!config) throw new AppError("unauthorized", "Sign in or send a valid API token");
  const claims = await verifySupabaseToken(token, { issuer: config.issuer, jwks: projectJwks(config.issuer), jwtSecret: config.jwtSecret });
  return userForSupabase(claims, token, config, ip);
}

/** A request's cookies as @supabase/ssr reads them. */
export function requestCookies(req: Request): CookieLike[] {
  return parseCookieHeader(req.headers.get("cookie") ?? "").map((c) => ({ name: c.name, value: c.value ?? "" }));
}
