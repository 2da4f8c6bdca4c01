import { json } from "@/lib/api/respond";
import { withCron } from "@/lib/api/with-cron";
import { runJob } from "@/lib/server/jobs/run-job";

export const dynamic = "force-dynamic";

// GET /api/cron/purge – drops heartbeat partitions past retention, creates the days ahead (nightly); ?force=1 runs even if it ran recently
export const GET = withCron(async (req) => json(await runJob("purge", { force: new URL(req.url).searchParams.get("force") === "1" })));
