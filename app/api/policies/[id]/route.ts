import { json } from "@/lib/api/respond";
import { parsePolicyBody } from "@/lib/api/policy-body";
import { withSession } from "@/lib/api/with-session";
import { PolicyWriteInput } from "@/lib/schemas/policies";
import { getPolicy } from "@/lib/server/policies/get";
import { revisePolicy } from "@/lib/server/policies/revise";

type Params = { id: string };

// GET /api/policies/[id] – one policy and its history
export const GET = withSession<Params>(async (_req, ctx, { id }) => json(await getPolicy(ctx, id)));

// PUT /api/policies/[id] – a new revision {document, note?, baseRevision} (maintainers and owners)
export const PUT = withSession<Params>(async (req, ctx, { id }) => json(await revisePolicy(ctx, id, await parsePolicyBody(req, PolicyWriteInput))));
