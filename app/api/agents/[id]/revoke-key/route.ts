import { noContent } from "@/lib/api/respond";
import { withSession } from "@/lib/api/with-session";
import { revokeAgentKey } from "@/lib/server/agents/pairing";

// POST /api/agents/[id]/revoke-key – revoke the agent's key; its next heartbeat answers 403
export const POST = withSession<{ id: string }>(async (_req, ctx, { id }) => {
  await revokeAgentKey(ctx, id);
  return noContent();
});
