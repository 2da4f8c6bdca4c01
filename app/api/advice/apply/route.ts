import { parseBody } from "@/lib/api/body";
import { json } from "@/lib/api/respond";
import { withSession } from "@/lib/api/with-session";
import { AdviceActionInput } from "@/lib/schemas/advice";
import { applyAdvice } from "@/lib/server/advice/apply";

// POST /api/advice/apply – queue set_model for the agent as advised (maintainers and owners)
export const POST = withSession(async (req, ctx) => json(await applyAdvice(ctx, await parseBody(req, AdviceActionInput)), 201));
