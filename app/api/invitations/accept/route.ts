import { teamCookie } from "@/lib/api/auth-cookies";
import { parseBody } from "@/lib/api/body";
import { json } from "@/lib/api/respond";
import { withUser } from "@/lib/api/with-session";
import { InvitationAcceptInput } from "@/lib/schemas/teams";
import { acceptInvitation } from "@/lib/server/invitations/accept";

// POST /api/invitations/accept – join the team an invitation names and make it active
export const POST = withUser(async (req, principal) => {
  const { token } = await parseBody(req, InvitationAcceptInput);
  const result = await acceptInvitation(principal, token);
  return json(result, 200, { "Set-Cookie": teamCookie(req, result.team.id) });
});
