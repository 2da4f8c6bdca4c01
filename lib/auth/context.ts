import { AppError } from "@/lib/api/errors";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { authenticateSupabase, requestCookies } from "@/lib/server/supabase-auth/authenticate";
import { supabaseAuthConfig } from "@/lib/supabase/config";
import { lowerOf, type Role } from "./roles";
import { SESSION_COOKIE, TEAM_COOKIE, clientIp, readCookie } from "./request";
import { hashSessionToken, hashToken } from "./tokens";

export type SessionUser = { id: string; email: string; name: string };
export type Principal = {
  user: SessionUser;
  via: "session" | "token";
  sessionId?: string;
  token?: { id: string; teamId: string; role: Role };
  /** Set when the session's expiry slid forward and the cookie should be re-sent. */
  renewedSession?: { token: string; maxAgeS: number };
  ip: string;
};
export type TeamContext = Principal & { team: { id: string; name: string }; role: Role };

const unauthorized = () => new AppError("unauthorized", "Sign in or send a valid API token");
const SLIDE_AFTER_MS = 60 * 60 * 1000;

/** Who is calling: a bearer API token, or else the session cookie. */
export async function authenticate(req: Request): Promise<Principal> {
  const ip = clientIp(req);
  const header = req.headers.get("authorization");
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) throw unauthorized();
    return authenticateToken(match[1], ip);
  }
  // In Supabase mode the Supabase session is the only browser session.
  if (supabaseAuthConfig()) return authenticateSupabase(requestCookies(req), ip);
  const cookie = readCookie(req, SESSION_COOKIE);
  if (!cookie) throw unauthorized();
  return authenticateSession(cookie, ip);
}

export async function authenticateSession(token: string, ip: string): Promise<Principal> {
  const sql = await db();
  const ttlS = env().SESSION_TTL_DAYS * 86400;
  const [row] = await sql<{ id: string; user_id: string; email: string; name: string; last_seen_at: Date }[]>`
    select s.id, s.user_id, u.email, u.name, s.last_seen_at
    from sessions s join users u on u.id = s.user_id
    where s.token_hash = ${hashSessionToken(token)} and s.revoked_at is null and s.expires_at > now()`;
  if (!row) throw unauthorized();
  let renewedSession: Principal["renewedSession"];
  if (Date.now() - row.last_seen_at.getTime() > SLIDE_AFTER_MS) {
    await sql`update sessions set last_seen_at = now(), expires_at = now() + make_interval(secs => ${ttlS})
      where id = ${row.id}`;
    renewedSession = { token, maxAgeS: ttlS };
  }
  return { user: { id: row.user_id, email: row.email, name: row.name }, via: "session", sessionId: row.id, renewedSession, ip };
}

async function authenticateToken(token: string, ip: string): Promise<Principal> {
  const sql = await db();
  const [row] = await sql<{ id: string; team_id: string; role: Role; user_id: string; email: string; name: string }[]>`
    update api_tokens t set last_used_at = now()
    from users u
    where t.token_hash = ${hashToken(token)} and u.id = t.user_id
      and t.revoked_at is null and (t.expires_at is null or t.expires_at > now())
    returning t.id, t.team_id, t.role, t.user_id, u.email, u.name`;
  if (!row) throw unauthorized();
  return {
    user: { id: row.user_id, email: row.email, name: row.name },
    via: "token",
    token: { id: row.id, teamId: row.team_id, role: row.role },
    ip,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string) => UUID.test(value);

/** The team a request acts in: X-Team-Id, else the team cookie, else the caller's first team. */
export async function resolveTeam(principal: Principal, req: Request): Promise<TeamContext> {
  const header = req.headers.get("x-team-id");
  const teamNotFound = () => new AppError("not_found", "Team not found");
  let membership: MembershipRow | undefined;
  if (principal.token) {
    // A token is bound to the team it was created in.
    if (header && header !== principal.token.teamId) throw teamNotFound();
    membership = await findMembership(principal.user.id, principal.token.teamId);
    if (!membership) throw teamNotFound();
  } else if (header) {
    membership = isUuid(header) ? await findMembership(principal.user.id, header) : undefined;
    if (!membership) throw teamNotFound();
  } else {
    const cookie = readCookie(req, TEAM_COOKIE);
    if (cookie && isUuid(cookie)) membership = await findMembership(principal.user.id, cookie);
    membership ??= await findFirstMembership(principal.user.id);
    if (!membership) throw new AppError("not_found", "You are not a member of any team; create one first");
  }
  const role = principal.token ? lowerOf(membership.role, principal.token.role) : membership.role;
  return { ...principal, team: { id: membership.team_id, name: membership.name }, role };
}

/** The caller acting in a team named in the path (/api/teams/[id]/...); not a member: 404. */
export async function contextForTeam(principal: Principal, teamId: string): Promise<TeamContext> {
  const membership = isUuid(teamId) ? await findMembership(principal.user.id, teamId) : undefined;
  if (!membership || (principal.token && principal.token.teamId !== teamId)) {
    throw new AppError("not_found", "Team not found");
  }
  const role = principal.token ? lowerOf(membership.role, principal.token.role) : membership.role;
  return { ...principal, team: { id: membership.team_id, name: membership.name }, role };
}

type MembershipRow = { team_id: string; name: string; role: Role };

async function findMembership(userId: string, teamId: string): Promise<MembershipRow | undefined> {
  const sql = await db();
  const [row] = await sql<MembershipRow[]>`
    select m.team_id, t.name, m.role from memberships m join teams t on t.id = m.team_id
    where m.user_id = ${userId} and m.team_id = ${teamId}`;
  return row;
}

export async function findFirstMembership(userId: string): Promise<MembershipRow | undefined> {
  const sql = await db();
  const [row] = await sql<MembershipRow[]>`
    select m.team_id, t.name, m.role from memberships m join teams t on t.id = m.team_id
    where m.user_id = ${userId} order by m.created_at, m.team_id limit 1`;
  return row;
}
