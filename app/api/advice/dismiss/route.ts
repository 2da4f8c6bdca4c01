import { parseBody } from "@/lib/api/body";
import { json } from "@/lib/api/respond";
import { withSession } from "@/lib/api/with-session";
import { AdviceActionInput } from "@/lib/schemas/advice";
import { dismissAdvice } from "@/lib/server/advice/dismiss";

// POST /api/advice/dismiss – hide this advice for the agent for 30 days (maintainers and owners)
export const POST = withSession(async (req, ctx) => json(await dismissAdvice(ctx, await parseBody(req, AdviceActionInput))));
