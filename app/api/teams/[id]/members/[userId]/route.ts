import { notFound } from "@/lib/api/errors";
import { parseBody } from "@/lib/api/body";
import { json, noContent } from "@/lib/api/respond";
import { withTeamPath } from "@/lib/api/with-session";
import { isUuid } from "@/lib/auth/context";
import { MemberUpdateInput } from "@/lib/schemas/teams";
import { removeMember } from "@/lib/server/members/remove";
import { updateMemberRole } from "@/lib/server/members/update";

type Params = { id: string; userId: string };

// PATCH /api/teams/[id]/members/[userId] – change a member's role (owners)
export const PATCH = withTeamPath<Params>(async (req, ctx, { userId }) => {
  if (!isUuid(userId)) throw notFound("Member");
  const { role } = await parseBody(req, MemberUpdateInput);
  return json({ member: await updateMemberRole(ctx, userId, role) });
});

// DELETE /api/teams/[id]/members/[userId] – remove a member (owners) or leave (yourself)
export const DELETE = withTeamPath<Params>(async (_req, ctx, { userId }) => {
  if (!isUuid(userId)) throw notFound("Member");
  await removeMember(ctx, userId);
  return noContent();
});
