import { parseQuery } from "@/lib/api/body";
import { json } from "@/lib/api/respond";
import { withSession } from "@/lib/api/with-session";
import { BatchListQuery } from "@/lib/schemas/batches";
import { listBatches } from "@/lib/server/batches/list";

// GET /api/batches – the team's bulk actions, newest first, with their progress
export const GET = withSession(async (req, ctx) => json(await listBatches(ctx, parseQuery(req, BatchListQuery))));
