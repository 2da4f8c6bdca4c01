import { parseQuery } from "@/lib/api/body";
import { withSession } from "@/lib/api/with-session";
import { CostExportQuery } from "@/lib/schemas/costs";
import { exportCosts } from "@/lib/server/costs/export";

// GET /api/costs/export – the same figures as CSV (by day and model, or by agent)
export const GET = withSession(async (req, ctx) => {
  const { filename, csv } = await exportCosts(ctx, parseQuery(req, CostExportQuery));
  return new Response(csv, {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${filename}"`, "Cache-Control": "no-store" },
  });
});
