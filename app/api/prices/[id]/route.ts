import { noContent } from "@/lib/api/respond";
import { withSession } from "@/lib/api/with-session";
import { deletePrice } from "@/lib/server/prices/delete";

// DELETE /api/prices/[id] – remove one of the team's own prices (maintainers and owners)
export const DELETE = withSession<{ id: string }>(async (_req, ctx, { id }) => {
  await deletePrice(ctx, id);
  return noContent();
});
