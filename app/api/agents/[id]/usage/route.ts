import { parseQuery } from "@/lib/api/body";
import { json } from "@/lib/api/respond";
import { withSession } from "@/lib/api/with-session";
import { UsageQuery } from "@/lib/schemas/usage";
import { listAgentUsage } from "@/lib/server/usage/list";

// GET /api/agents/[id]/usage?days – tokens and cost per UTC day and model, as the gateway priced them
export const GET = withSession<{ id: string }>(async (req, ctx, { id }) => json(await listAgentUsage(ctx, id, parseQuery(req, UsageQuery).days)));
