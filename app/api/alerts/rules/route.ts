import { parseBody } from "@/lib/api/body";
import { json } from "@/lib/api/respond";
import { withSession } from "@/lib/api/with-session";
import { RuleCreateInput } from "@/lib/schemas/alerts";
import { createRule, listRules } from "@/lib/server/alerts/rules";

// GET /api/alerts/rules – the team's alert rules
export const GET = withSession(async (_req, ctx) => json({ rules: await listRules(ctx), nextCursor: null }));

// POST /api/alerts/rules – a rule: what fires, for which scope, to which channels, how often (maintainers and owners)
export const POST = withSession(async (req, ctx) => json({ rule: await createRule(ctx, await parseBody(req, RuleCreateInput)) }, 201));
