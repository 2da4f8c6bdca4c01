import { SignJWT } from "jose";
import { AppError } from "@/lib/api/errors";
import type { TeamContext } from "@/lib/auth/context";
import type { RealtimeTokenResponse } from "@/lib/schemas/realtime";
import { supabaseRealtime, teamTopic } from "./settings";

export const REALTIME_TOKEN_TTL_S = 600;

/** An HS256 token Supabase Realtime accepts for `userId`: only what its policy needs (role, sub) and a short life. */
export async function signRealtimeToken(userId: string, jwtSecret: string, ttlS = REALTIME_TOKEN_TTL_S, now = Date.now()): Promise<{ token: string; expiresAt: Date }> {
  const iat = Math.floor(now / 1000);
  const token = await new SignJWT({ role: "authenticated" })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(userId)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ttlS)
    .sign(new TextEncoder().encode(jwtSecret));
  return { token, expiresAt: new Date((iat + ttlS) * 1000) };
}

/**
 * A Realtime token for the signed-in person and the topic of the team they act in. Browser sessions
 * only: a personal API token is bound to one team, and a Realtime token would hear all of the person's.
 */
export async function mintRealtimeToken(ctx: TeamContext): Promise<RealtimeTokenResponse> {
  const project = supabaseRealtime();
  if (!project) throw new AppError("not_found", "Supabase Realtime is not configured on this server");
  if (ctx.via !== "session") throw new AppError("forbidden", "Realtime tokens are for signed-in browser sessions, not API tokens");
  const { token, expiresAt } = await signRealtimeToken(ctx.user.id, project.jwtSecret);
  return { token, expiresAt: expiresAt.toISOString(), topic: teamTopic(ctx.team.id) };
}
