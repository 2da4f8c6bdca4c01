import { noContent } from "@/lib/api/respond";
import { withSession } from "@/lib/api/with-session";
import { revokeToken } from "@/lib/server/tokens/revoke";

// DELETE /api/tokens/[id] – revoke a token
export const DELETE = withSession<{ id: string }>(async (_req, ctx, { id }) => {
  await revokeToken(ctx, id);
  return noContent();
});
