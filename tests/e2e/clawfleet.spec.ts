import { execFile, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import { gatewayStandIn } from "./support";

// The real CLI against the real server: pair from the agent page's command, keep the agent online
// with `clawfleet run`, then stop it and revoke its key. The OpenClaw gateway's /health is stood in
// for by a local HTTP server (the gateway itself is a separate product).

const run = promisify(execFile);
const CLI = path.resolve("cli/bin.mjs");


test("a paired clawfleet run keeps its agent online; revoking its key stops it", async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  const dir = await mkdtemp(path.join(tmpdir(), "clawfleet-e2e-"));
  const config = path.join(dir, "agent.json");
  const gateway = await gatewayStandIn();
  try {
    const email = `cli-${Date.now()}@example.test`;
    const api = page.request;
    expect((await api.post("/api/auth/signup", { data: { email, password: "correct horse battery staple", name: "Cli" }, headers: { origin: baseURL ?? "" } })).status()).toBe(201);
    const fleet = await (await api.post("/api/fleets", { data: { name: "Hosts" }, headers: { origin: baseURL ?? "" } })).json();
    const agent = await (await api.post("/api/agents", { data: { fleetId: fleet.fleet.id, name: "box-1", region: "eu-west", heartbeatIntervalS: 5 }, headers: { origin: baseURL ?? "" } })).json();

    await page.goto(`/dashboard/agents/${agent.agent.id}`);
    await expect(page.getByText("pending").first()).toBeVisible();
    await page.getByRole("button", { name: "Create pairing code" }).click();
    const install = (await page.getByTestId("install-command").textContent()) ?? "";
    const command = (await page.getByTestId("pair-command").textContent()) ?? "";
    const code = /--code (\S+)/.exec(command)?.[1] ?? "";
    expect(command).toBe(`clawfleet pair --url ${baseURL} --code ${code}`);
    expect(install).toBe(`curl -fsSL ${baseURL}/install.sh | sh -s -- --code ${code}`);

    const paired = await run(process.execPath, [CLI, "pair", "--url", baseURL ?? "", "--code", code, "--gateway", gateway.url, "--config", config, "--json"]);
    expect(JSON.parse(paired.stdout)).toMatchObject({ agentId: agent.agent.id });

    const runner = spawn(process.execPath, [CLI, "run", "--config", config], { stdio: "ignore" });
    try {
      await expect(page.getByText("online").first()).toBeVisible({ timeout: 20_000 });
      await expect(page.getByText("healthy").first()).toBeVisible();
      await page.goto("/dashboard/agents");
      await expect(page.getByRole("row", { name: /box-1/ })).toContainText("online");
    } finally {
      runner.kill("SIGTERM");
      await new Promise((resolve) => runner.once("exit", resolve));
    }
    expect(runner.exitCode).toBe(0);

    await page.goto(`/dashboard/agents/${agent.agent.id}`);
    await page.getByRole("button", { name: "Revoke key" }).click();
    await expect(page.getByText("Key revoked")).toBeVisible();
    const refused = await run(process.execPath, [CLI, "run", "--once", "--config", config, "--json"]).catch((e: { code: number }) => e);
    expect((refused as { code: number }).code).toBe(3);
  } finally {
    gateway.server.close();
    await rm(dir, { recursive: true, force: true });
  }
});
