import { parseBody } from "@/lib/api/body";
import { json, noContent } from "@/lib/api/respond";
import { withSession } from "@/lib/api/with-session";
import { RuleUpdateInput } from "@/lib/schemas/alerts";
import { deleteRule, getRule, updateRule } from "@/lib/server/alerts/rules";

type Params = { id: string };

// GET /api/alerts/rules/[id] – one rule
export const GET = withSession<Params>(async (_req, ctx, { id }) => json({ rule: await getRule(ctx, id) }));

// PATCH /api/alerts/rules/[id] – change any part of a rule
export const PATCH = withSession<Params>(async (req, ctx, { id }) => json({ rule: await updateRule(ctx, id, await parseBody(req, RuleUpdateInput)) }));

// DELETE /api/alerts/rules/[id] – delete the rule and its alerts
export const DELETE = withSession<Params>(async (_req, ctx, { id }) => {
  await deleteRule(ctx, id);
  return noContent();
});
