import { parseQuery } from "@/lib/api/body";
import { json } from "@/lib/api/respond";
import { withSession } from "@/lib/api/with-session";
import { MetricsQuery } from "@/lib/schemas/metrics";
import { getAgentMetrics } from "@/lib/server/agents/metrics";

// GET /api/agents/[id]/metrics?from&to&points – downsampled history for charts
export const GET = withSession<{ id: string }>(async (req, ctx, { id }) => json({ metrics: await getAgentMetrics(ctx, id, parseQuery(req, MetricsQuery)) }));
