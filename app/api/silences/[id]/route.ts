import { noContent } from "@/lib/api/respond";
import { withSession } from "@/lib/api/with-session";
import { endSilence } from "@/lib/server/alerts/alerts";

// DELETE /api/silences/[id] – end a snooze now
export const DELETE = withSession<{ id: string }>(async (_req, ctx, { id }) => {
  await endSilence(ctx, id);
  return noContent();
});
