import { notFound } from "@/lib/api/errors";
import { json } from "@/lib/api/respond";
import { withTeamPath } from "@/lib/api/with-session";
import { isUuid } from "@/lib/auth/context";
import { publicOrigin } from "@/lib/auth/request";
import { createMemberResetLink } from "@/lib/server/members/reset-link";

// POST /api/teams/[id]/members/[userId]/reset-link – a one-time password reset link for a member (owners; shown once)
export const POST = withTeamPath<{ id: string; userId: string }>(async (req, ctx, { userId }) => {
  if (!isUuid(userId)) throw notFound("Member");
  return json({ resetLink: await createMemberResetLink(ctx, userId, publicOrigin(req)) }, 201);
});
