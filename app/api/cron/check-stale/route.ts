import { json } from "@/lib/api/respond";
import { withCron } from "@/lib/api/with-cron";
import { runJob } from "@/lib/server/jobs/run-job";

export const dynamic = "force-dynamic";

// GET /api/cron/check-stale – moves late agents to stale and offline and sweeps threshold rules (a platform cron, every 5 minutes); ?force=1 runs even if it ran recently
export const GET = withCron(async (req) => json(await runJob("check-stale", { force: new URL(req.url).searchParams.get("force") === "1" })));
