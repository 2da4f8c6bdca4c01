import { notFound } from "@/lib/api/errors";
import { json } from "@/lib/api/respond";
import { withSession } from "@/lib/api/with-session";
import { getPolicyRevision } from "@/lib/server/policies/get";

type Params = { id: string; rev: string };

// GET /api/policies/[id]/revisions/[rev] – one revision with its document
export const GET = withSession<Params>(async (_req, ctx, { id, rev }) => {
  if (!/^[1-9][0-9]{0,8}$/.test(rev)) throw notFound("Revision");
  return json({ revision: await getPolicyRevision(ctx, id, Number(rev)) });
});
