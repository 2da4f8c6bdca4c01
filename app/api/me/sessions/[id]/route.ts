import { clearedCookies } from "@/lib/api/auth-cookies";
import { noContent } from "@/lib/api/respond";
import { withUser } from "@/lib/api/with-session";
import { endSession } from "@/lib/server/accounts/end-sessions";

// DELETE /api/me/sessions/[id] – end one of your sessions (this one too: its cookies are cleared)
export const DELETE = withUser<{ id: string }>(async (req, principal, { id }) => {
  const { current } = await endSession(principal, id);
  if (!current) return noContent();
  principal.renewedSession = undefined;
  const headers = new Headers();
  for (const cookie of clearedCookies(req)) headers.append("Set-Cookie", cookie);
  return noContent(headers);
});
