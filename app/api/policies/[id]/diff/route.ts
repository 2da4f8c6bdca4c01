import { parseQuery } from "@/lib/api/body";
import { json } from "@/lib/api/respond";
import { withSession } from "@/lib/api/with-session";
import { PolicyDiffQuery } from "@/lib/schemas/policies";
import { diffPolicyRevisions } from "@/lib/server/policies/get";

// GET /api/policies/[id]/diff?from=&to= – the fields that differ between two revisions
export const GET = withSession<{ id: string }>(async (req, ctx, { id }) => {
  const { from, to } = parseQuery(req, PolicyDiffQuery);
  return json(await diffPolicyRevisions(ctx, id, from, to));
});
