import { json } from "@/lib/api/respond";
import { withUser } from "@/lib/api/with-session";
import { TEAM_COOKIE, readCookie } from "@/lib/auth/request";
import { getMe } from "@/lib/server/accounts/me";

// GET /api/me – the caller, their teams and the active team
export const GET = withUser(async (req, principal) => {
  const preferred = req.headers.get("x-team-id") ?? readCookie(req, TEAM_COOKIE) ?? principal.token?.teamId;
  return json(await getMe(principal, preferred));
});
