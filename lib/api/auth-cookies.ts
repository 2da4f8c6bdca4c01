import { SESSION_COOKIE, TEAM_COOKIE, cookieIsSecure, serializeCookie } from "@/lib/auth/request";
import type { NewSession } from "@/lib/server/accounts/sessions";

export function sessionCookie(req: Request, session: NewSession): string {
  return serializeCookie(SESSION_COOKIE, session.token, { maxAgeS: session.maxAgeS, secure: cookieIsSecure(req) });
}

export function clearedCookies(req: Request): string[] {
  const secure = cookieIsSecure(req);
  return [serializeCookie(SESSION_COOKIE, "", { maxAgeS: 0, secure }), serializeCookie(TEAM_COOKIE, "", { maxAgeS: 0, secure, httpOnly: false })];
}

export function teamCookie(req: Request, teamId: string): string {
  return serializeCookie(TEAM_COOKIE, teamId, { maxAgeS: 365 * 86400, secure: cookieIsSecure(req), httpOnly: false });
}
