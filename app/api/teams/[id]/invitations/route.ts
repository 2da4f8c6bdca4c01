import { parseBody } from "@/lib/api/body";
import { json } from "@/lib/api/respond";
import { withTeamPath } from "@/lib/api/with-session";
import { publicOrigin } from "@/lib/auth/request";
import { InvitationCreateInput } from "@/lib/schemas/teams";
import { createInvitation } from "@/lib/server/invitations/create";
import { listInvitations } from "@/lib/server/invitations/list";

// GET /api/teams/[id]/invitations – recent invitations and their state
export const GET = withTeamPath(async (_req, ctx) => json({ invitations: await listInvitations(ctx), nextCursor: null }));

// POST /api/teams/[id]/invitations – invite an e-mail address; answers the link to share
export const POST = withTeamPath(async (req, ctx) => {
  const input = await parseBody(req, InvitationCreateInput);
  return json({ invitation: await createInvitation(ctx, input, publicOrigin(req)) }, 201);
});
