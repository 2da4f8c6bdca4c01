import { parseBody } from "@/lib/api/body";
import { json } from "@/lib/api/respond";
import { withSession } from "@/lib/api/with-session";
import { PolicyCreateInput } from "@/lib/schemas/policies";
import { createPolicy } from "@/lib/server/policies/create";
import { listPolicies } from "@/lib/server/policies/list";

// GET /api/policies – the team's policies at every level with their current revision
export const GET = withSession(async (_req, ctx) => json(await listPolicies(ctx)));

// POST /api/policies – create the policy of the team, a fleet or an agent (maintainers and owners)
export const POST = withSession(async (req, ctx) => json({ policy: await createPolicy(ctx, await parseBody(req, PolicyCreateInput)) }, 201));
