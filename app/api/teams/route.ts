import { teamCookie } from "@/lib/api/auth-cookies";
import { AppError } from "@/lib/api/errors";
import { parseBody } from "@/lib/api/body";
import { json } from "@/lib/api/respond";
import { withUser } from "@/lib/api/with-session";
import { TeamCreateInput } from "@/lib/schemas/teams";
import { createTeam } from "@/lib/server/teams/create";
import { listTeams } from "@/lib/server/teams/get";

// GET /api/teams – the teams the caller belongs to
export const GET = withUser(async (_req, principal) => json({ teams: await listTeams(principal), nextCursor: null }));

// POST /api/teams – create a team owned by the caller and make it the active one
export const POST = withUser(async (req, principal) => {
  if (principal.token) throw new AppError("forbidden", "API tokens act in one team; create teams from a browser session");
  const team = await createTeam(principal, await parseBody(req, TeamCreateInput));
  return json({ team }, 201, { "Set-Cookie": teamCookie(req, team.id) });
});
