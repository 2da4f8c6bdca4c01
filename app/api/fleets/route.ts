import { parseBody, parseQuery } from "@/lib/api/body";
import { json } from "@/lib/api/respond";
import { withSession } from "@/lib/api/with-session";
import { FleetCreateInput, FleetListQuery } from "@/lib/schemas/fleets";
import { createFleet } from "@/lib/server/fleets/create";
import { listFleets } from "@/lib/server/fleets/list";

// GET /api/fleets – the team's fleets, newest first (q filters by name)
export const GET = withSession(async (req, ctx) => json(await listFleets(ctx, parseQuery(req, FleetListQuery))));

// POST /api/fleets – create a fleet (maintainers and owners)
export const POST = withSession(async (req, ctx) => {
  const fleet = await createFleet(ctx, await parseBody(req, FleetCreateInput));
  return json({ fleet }, 201);
});
