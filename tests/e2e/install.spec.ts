import { execFile, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import { PASSWORD, gatewayStandIn } from "./support";

// The pairing panel's one line, as a person runs it on a fresh host: install clawfleet from this
// running server into an empty prefix (checksum verified), pair with the code, run it as the user
// would, and watch the agent turn online in the browser. The host is a temporary HOME; the OpenClaw
// gateway's /health is stood in for by a local HTTP server.

const run = promisify(execFile);


test("the one-line install from the pairing panel: install, pair, run, online", async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  const origin = baseURL ?? "";
  const home = await mkdtemp(path.join(tmpdir(), "install-e2e-"));
  const prefix = path.join(home, "prefix");
  const gateway = await gatewayStandIn();
  // A host's environment: its own HOME, and nothing of this repository on PATH.
  const env: NodeJS.ProcessEnv = { NODE_ENV: "production", PATH: `${path.dirname(process.execPath)}:/usr/bin:/bin`, HOME: home, LANG: "C.UTF-8" };
  let runner: ReturnType<typeof spawn> | undefined;
  try {
    expect((await page.request.post("/api/auth/signup", { data: { email: `install-${Date.now()}@example.test`, password: PASSWORD, name: "Ivy Installer" }, headers: { origin } })).status()).toBe(201);
    const { fleet } = await (await page.request.post("/api/fleets", { data: { name: "Fresh hosts" }, headers: { origin } })).json();
    const { agent } = await (await page.request.post("/api/agents", { data: { fleetId: fleet.id, name: "fresh-1", heartbeatIntervalS: 5 }, headers: { origin } })).json();

    await page.goto(`/dashboard/agents/${agent.id}`);
    await page.getByRole("button", { name: "Create pairing code" }).click();
    const oneLine = (await page.getByTestId("install-command").textContent()) ?? "";
    expect(oneLine).toMatch(new RegExp(`^curl -fsSL ${origin}/install\\.sh \\| sh -s -- --code [A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$`));

    const installed = await run("sh", ["-c", `${oneLine} --prefix "${prefix}" --gateway ${gateway.url}`], { env });
    expect(installed.stdout).toContain("checksum verified");
    expect(installed.stdout).toContain("paired");
    const config = path.join(home, ".config", "clawfleet", "agent.json");
    expect(((await stat(config)).mode & 0o777).toString(8)).toBe("600");
    expect(existsSync(path.join(prefix, "bin", "clawfleet"))).toBe(true);

    runner = spawn(path.join(prefix, "bin", "clawfleet"), ["run"], { env, stdio: "ignore" });
    await expect(page.getByTestId("agent-status")).toHaveText(/online/, { timeout: 30_000 });
    const status = await run(path.join(prefix, "bin", "clawfleet"), ["status", "--json"], { env });
    expect(JSON.parse(status.stdout)).toMatchObject({ agentId: agent.id, url: origin });
  } finally {
    if (runner && runner.exitCode === null) {
      const exited = new Promise((resolve) => runner?.once("exit", resolve));
      runner.kill("SIGTERM");
      await exited;
    }
    gateway.server.close();
    await rm(home, { recursive: true, force: true });
  }
});
