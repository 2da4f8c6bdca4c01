import { json } from "@/lib/api/respond";
import { withSession } from "@/lib/api/with-session";
import { getAgentPolicy } from "@/lib/server/policies/agent-policy";

// GET /api/agents/[id]/policy – effective policy with provenance, applied revision, last attempt and guard report
export const GET = withSession<{ id: string }>(async (_req, ctx, { id }) => json(await getAgentPolicy(ctx, id)));
