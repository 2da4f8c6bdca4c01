import { parseQuery } from "@/lib/api/body";
import { json } from "@/lib/api/respond";
import { withSession } from "@/lib/api/with-session";
import { BatchItemQuery } from "@/lib/schemas/batches";
import { getBatch } from "@/lib/server/batches/get";

type Params = { id: string };

// GET /api/batches/[id] – a bulk action's progress (done, pending, failed, expired) and a page of its agents
export const GET = withSession<Params>(async (req, ctx, { id }) => json(await getBatch(ctx, id, parseQuery(req, BatchItemQuery))));
