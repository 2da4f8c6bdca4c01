import { afterAll, inject } from "vitest";
import { closeDb } from "@/lib/db/client";

// Every worker talks to the run's database; settings are fixed before any app module reads them.
process.env.DATABASE_URL = inject("databaseUrl");
process.env.DATA_DIR = inject("dataDir");
process.env.DATABASE_POOL_MAX = "4";
process.env.HEARTBEAT_WORKER = "off";
process.env.APP_URL = "http://127.0.0.1:3000";

afterAll(async () => {
  await closeDb();
});
