import path from "node:path";
import { describe, expect, it } from "vitest";
import { freePort, runToExit } from "../helpers/process";

// A bad setting stops `npm start` and `npm run demo` before anything is built or listens, with a
// message naming the setting and a non-zero exit code (the production server itself, after a build:
// tests/e2e/start-settings.spec.ts).

const root = path.resolve(import.meta.dirname, "../..");
const clean = () => {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production" };
  for (const name of ["CRON_SECRET", "SESSION_SECRET", "ENCRYPTION_KEYS", "DATABASE_URL", "PORT"]) delete env[name];
  return env;
};

describe("a bad setting stops the process at start", () => {
  it.each([
    [{ CRON_SECRET: "too-short" }, ["CRON_SECRET: must be at least 32 characters"]],
    [{ PORT: "eighty", ENCRYPTION_KEYS: "k1:not-a-key" }, ["PORT: must be a whole number from 1 to 65535", "ENCRYPTION_KEYS"]],
    [{ DATABASE_URL: "mysql://db.example/fleet", SIGNUP: "maybe" }, ["DATABASE_URL", "SIGNUP"]],
  ])("npm start with %j exits 1 naming it, and nothing listens", async (bad, named) => {
    const port = await freePort();
    const result = await runToExit([path.join(root, "scripts/start.mjs")], { ...clean(), PORT: String(port), DATA_DIR: ".data/never", ...bad }, port, 30_000);
    expect(result.code).toBe(1);
    for (const text of named) expect(result.stderr).toContain(text);
    expect(result.stderr).toContain("Not started");
    expect(result.stdout).not.toMatch(/building|Ready on/);
    expect(result.listened).toBe(false);
  });

  it("npm run demo stops the same way", async () => {
    const port = await freePort();
    const result = await runToExit([path.join(root, "node_modules/tsx/dist/cli.mjs"), path.join(root, "scripts/demo.ts"), `--port=${port}`], { ...clean(), CRON_SECRET: "short" }, port, 60_000);
    expect(result.code).toBe(1);
    expect(result.stdout).not.toContain("starting the server");
    expect(result.stderr).toContain("CRON_SECRET: must be at least 32 characters");
    expect(result.listened).toBe(false);
  });
});
