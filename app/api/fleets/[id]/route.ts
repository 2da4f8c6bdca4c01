import { parseBody } from "@/lib/api/body";
import { json, noContent } from "@/lib/api/respond";
import { withSession } from "@/lib/api/with-session";
import { FleetUpdateInput } from "@/lib/schemas/fleets";
import { deleteFleet } from "@/lib/server/fleets/delete";
import { getFleet } from "@/lib/server/fleets/get";
import { updateFleet } from "@/lib/server/fleets/update";

type Params = { id: string };

// GET /api/fleets/[id] – one fleet
export const GET = withSession<Params>(async (_req, ctx, { id }) => json({ fleet: await getFleet(ctx, id) }));

// PATCH /api/fleets/[id] – rename or describe (maintainers and owners)
export const PATCH = withSession<Params>(async (req, ctx, { id }) => {
  const input = await parseBody(req, FleetUpdateInput);
  return json({ fleet: await updateFleet(ctx, id, input) });
});

// DELETE /api/fleets/[id] – delete the fleet and its agents (maintainers and owners)
export const DELETE = withSession<Params>(async (_req, ctx, { id }) => {
  await deleteFleet(ctx, id);
  return noContent();
});
