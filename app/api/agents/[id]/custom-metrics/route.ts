import { parseQuery } from "@/lib/api/body";
import { json } from "@/lib/api/respond";
import { withSession } from "@/lib/api/with-session";
import { MetricsQuery } from "@/lib/schemas/metrics";
import { getAgentCustomMetrics } from "@/lib/server/agents/custom-metrics";

// GET /api/agents/[id]/custom-metrics?from&to&points – the plugins' numeric metrics, downsampled for charts
export const GET = withSession<{ id: string }>(async (req, ctx, { id }) => json({ customMetrics: await getAgentCustomMetrics(ctx, id, parseQuery(req, MetricsQuery)) }));
