import { teamCookie } from "@/lib/api/auth-cookies";
import { parseBody } from "@/lib/api/body";
import { json } from "@/lib/api/respond";
import { withUser } from "@/lib/api/with-session";
import { ActiveTeamInput } from "@/lib/schemas/auth";
import { contextForTeam } from "@/lib/auth/context";

// POST /api/me/active-team – switch the team that requests act in by default
export const POST = withUser(async (req, principal) => {
  const { teamId } = await parseBody(req, ActiveTeamInput);
  await contextForTeam(principal, teamId);
  return json({ activeTeamId: teamId }, 200, { "Set-Cookie": teamCookie(req, teamId) });
});
