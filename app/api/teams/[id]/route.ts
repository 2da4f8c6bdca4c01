import { parseBody } from "@/lib/api/body";
import { json, noContent } from "@/lib/api/respond";
import { withTeamPath } from "@/lib/api/with-session";
import { TeamUpdateInput } from "@/lib/schemas/teams";
import { deleteTeam } from "@/lib/server/teams/delete";
import { getTeam } from "@/lib/server/teams/get";
import { updateTeam } from "@/lib/server/teams/update";

// GET /api/teams/[id] – one team the caller belongs to
export const GET = withTeamPath(async (_req, ctx) => json({ team: await getTeam(ctx) }));

// PATCH /api/teams/[id] – rename (owners)
export const PATCH = withTeamPath(async (req, ctx) => json({ team: await updateTeam(ctx, await parseBody(req, TeamUpdateInput)) }));

// DELETE /api/teams/[id] – delete the team and all it owns (owners)
export const DELETE = withTeamPath(async (_req, ctx) => {
  await deleteTeam(ctx);
  return noContent();
});
