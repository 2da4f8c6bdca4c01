import { parseBody } from "@/lib/api/body";
import { json, noContent } from "@/lib/api/respond";
import { withSession } from "@/lib/api/with-session";
import { BudgetUpdateInput } from "@/lib/schemas/budgets";
import { deleteBudget } from "@/lib/server/budgets/delete";
import { getBudget } from "@/lib/server/budgets/list";
import { updateBudget } from "@/lib/server/budgets/update";

type Params = { id: string };

// GET /api/budgets/[id] – one budget
export const GET = withSession<Params>(async (_req, ctx, { id }) => json({ budget: await getBudget(ctx, id) }));

// PATCH /api/budgets/[id] – change the amount, thresholds, forecast alert, name or delivery (maintainers and owners)
export const PATCH = withSession<Params>(async (req, ctx, { id }) => {
  const input = await parseBody(req, BudgetUpdateInput);
  return json({ budget: await updateBudget(ctx, id, input) });
});

// DELETE /api/budgets/[id] – delete the budget and its alerts (maintainers and owners)
export const DELETE = withSession<Params>(async (_req, ctx, { id }) => {
  await deleteBudget(ctx, id);
  return noContent();
});
