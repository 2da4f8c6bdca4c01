import { noContent } from "@/lib/api/respond";
import { withTeamPath } from "@/lib/api/with-session";
import { revokeInvitation } from "@/lib/server/invitations/revoke";

// DELETE /api/teams/[id]/invitations/[invitationId] – withdraw a pending invitation
export const DELETE = withTeamPath<{ id: string; invitationId: string }>(async (_req, ctx, { invitationId }) => {
  await revokeInvitation(ctx, invitationId);
  return noContent();
});
