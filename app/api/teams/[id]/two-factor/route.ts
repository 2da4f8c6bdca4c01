import { parseBody } from "@/lib/api/body";
import { json } from "@/lib/api/respond";
import { withTeamPath } from "@/lib/api/with-session";
import { TeamTwoFactorInput } from "@/lib/schemas/two-factor";
import { setTeamTwoFactor, teamRequiresTwoFactor } from "@/lib/server/two-factor/team-requirement";

// GET /api/teams/[id]/two-factor – whether the team requires two-factor of every member
export const GET = withTeamPath(async (_req, ctx) => json({ requireTwoFactor: await teamRequiresTwoFactor(ctx.team.id) }));

// PUT /api/teams/[id]/two-factor – require two-factor of every member, or stop requiring it (owners; audited)
export const PUT = withTeamPath(async (req, ctx) => {
  const { required } = await parseBody(req, TeamTwoFactorInput);
  return json({ requireTwoFactor: await setTeamTwoFactor(ctx, required) });
});
