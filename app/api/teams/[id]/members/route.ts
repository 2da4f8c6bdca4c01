import { json } from "@/lib/api/respond";
import { withTeamPath } from "@/lib/api/with-session";
import { listMembers } from "@/lib/server/members/list";

// GET /api/teams/[id]/members – members and their roles
export const GET = withTeamPath(async (_req, ctx) => json({ members: await listMembers(ctx), nextCursor: null }));
