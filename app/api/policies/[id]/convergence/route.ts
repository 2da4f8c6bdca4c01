import { json } from "@/lib/api/respond";
import { withSession } from "@/lib/api/with-session";
import { policyConvergence } from "@/lib/server/policies/convergence";

// GET /api/policies/[id]/convergence – agents in scope: on their effective revision, pending or failed
export const GET = withSession<{ id: string }>(async (_req, ctx, { id }) => json(await policyConvergence(ctx, id)));
