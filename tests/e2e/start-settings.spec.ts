import { expect, test } from "@playwright/test";
import { freePort, runToExit } from "../helpers/process";

// The production server itself (what `npm start` runs after building, and what a container runs):
// a bad setting or a database it cannot use stops it before it listens, with the reason named and
// exit code 1, instead of a server answering 500s. (`npm start` and the demo: the integration suite.)

const base = () => {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", HOSTNAME: "127.0.0.1", DATA_DIR: ".data/e2e-bad-settings", EMBEDDED_PG_FAST: "1" };
  for (const name of ["CRON_SECRET", "SESSION_SECRET", "ENCRYPTION_KEYS", "DATABASE_URL"]) delete env[name];
  return env;
};

for (const [bad, named] of [
  [{ CRON_SECRET: "short" }, "CRON_SECRET: must be at least 32 characters"],
  [{ SESSION_TTL_DAYS: "forever", SCHEDULER: "sometimes" }, "SESSION_TTL_DAYS: must be a whole number from 1 to 365"],
  [{ DATABASE_URL: "postgres://fleet:secret@127.0.0.1:1/fleet" }, "DATABASE_URL: cannot use the database"],
  [{ STRIPE_SECRET_KEY: "sk_test_only_one_key" }, "STRIPE_WEBHOOK_SECRET: must be set together with the other Stripe key"],
] as const) {
  test(`scripts/server.mjs with ${JSON.stringify(bad)} exits 1 before listening`, async () => {
    const port = await freePort();
    const result = await runToExit(["scripts/server.mjs"], { ...base(), ...bad, PORT: String(port) }, port, 60_000);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(named);
    expect(result.stderr).toContain("Not started");
    expect(result.stdout).not.toContain("Ready on");
    expect(result.listened).toBe(false);
  });
}
