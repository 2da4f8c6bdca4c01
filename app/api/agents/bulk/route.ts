import { parseBody } from "@/lib/api/body";
import { json } from "@/lib/api/respond";
import { withSession } from "@/lib/api/with-session";
import { BulkActionInput } from "@/lib/schemas/batches";
import { createBatch } from "@/lib/server/batches/create";

// POST /api/agents/bulk – one action on a selection of the team's agents (ids, or the list's filter); answers the batch
export const POST = withSession(async (req, ctx) => json({ batch: await createBatch(ctx, await parseBody(req, BulkActionInput)) }, 201));
