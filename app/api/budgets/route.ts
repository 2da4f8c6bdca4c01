import { parseBody } from "@/lib/api/body";
import { json } from "@/lib/api/respond";
import { withSession } from "@/lib/api/with-session";
import { BudgetCreateInput } from "@/lib/schemas/budgets";
import { createBudget } from "@/lib/server/budgets/create";
import { listBudgets } from "@/lib/server/budgets/list";

// GET /api/budgets – the team's monthly budgets with this month's spend and forecast
export const GET = withSession(async (_req, ctx) => json({ budgets: await listBudgets(ctx), nextCursor: null }));

// POST /api/budgets – create a budget for the team, a fleet or an agent (maintainers and owners)
export const POST = withSession(async (req, ctx) => {
  const budget = await createBudget(ctx, await parseBody(req, BudgetCreateInput));
  return json({ budget }, 201);
});
