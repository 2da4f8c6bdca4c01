import { json } from "@/lib/api/respond";
import { withAgent } from "@/lib/api/with-agent";
import { ingestHeartbeat } from "@/lib/server/heartbeat/offload";

// POST /api/heartbeat – a signed heartbeat from a paired agent; 200 only after it is committed
export const POST = withAgent(async (req, raw) => json(await ingestHeartbeat(req.headers.get("authorization"), raw)));
