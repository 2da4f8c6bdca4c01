import { json } from "@/lib/api/respond";
import { parsePolicyBody } from "@/lib/api/policy-body";
import { withSession } from "@/lib/api/with-session";
import { PolicyDryRunInput } from "@/lib/schemas/policies";
import { dryRunPolicy } from "@/lib/server/policies/dry-run";

// POST /api/policies/[id]/dry-run – which agents a document would change and how (writes nothing)
export const POST = withSession<{ id: string }>(async (req, ctx, { id }) => {
  const { document } = await parsePolicyBody(req, PolicyDryRunInput);
  return json(await dryRunPolicy(ctx, id, document));
});
