import { json } from "@/lib/api/respond";
import { withSession } from "@/lib/api/with-session";
import { listAdvice } from "@/lib/server/advice/list";

// GET /api/advice – cheaper models of the same tier per agent and model in use, with the monthly saving
export const GET = withSession(async (_req, ctx) => json({ advice: await listAdvice(ctx), nextCursor: null }));
