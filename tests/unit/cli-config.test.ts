import { mkdtemp, readFile, readdir, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readConfig, resolveConfigPath, updateConfig, writeConfig } from "@/cli/src/config";
import type { AgentConfig } from "@/cli/src/config";
import { generateAgentKeys } from "@/cli/src/keys";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "clawfleet-config-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function sampleConfig(agentId = "11111111-1111-4111-8111-111111111111"): AgentConfig {
  const keys = generateAgentKeys();
  return {
    url: "http://127.0.0.1:3000",
    agentId,
    fleetId: "22222222-2222-4222-8222-222222222222",
    audience: "clawfleet",
    heartbeatIntervalS: 30,
    gatewayUrl: "http://127.0.0.1:18789",
    ...keys,
    pairedAt: new Date().toISOString(),
    seq: 0,
    policyVersion: 0,
    pendingAcks: [],
    recentCommands: [],
  };
}

describe("clawfleet config", () => {
  it("is written with mode 0600 in a 0700 directory it creates, and reads back", async () => {
    const file = path.join(dir, "nested", "clawfleet", "agent.json");
    const config = sampleConfig();
    await writeConfig(file, config, false);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await stat(path.dirname(file))).mode & 0o777).toBe(0o700);
    expect(await readConfig(file)).toEqual(config);
    // No temporary files are left next to it.
    expect(await readdir(path.dirname(file))).toEqual(["agent.json"]);
  });

  it("refuses to overwrite an existing pairing unless forced", async () => {
    const file = path.join(dir, "agent.json");
    const first = sampleConfig();
    await writeConfig(file, first, false);
    await expect(writeConfig(file, sampleConfig("33333333-3333-4333-8333-333333333333"), false)).rejects.toThrow(/already paired/);
    expect((await readConfig(file)).agentId).toBe(first.agentId);
    expect(await readdir(dir)).toEqual(["agent.json"]);
    await writeConfig(file, sampleConfig("33333333-3333-4333-8333-333333333333"), true);
    expect((await readConfig(file)).agentId).toBe("33333333-3333-4333-8333-333333333333");
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it("replaces the file atomically: a reader sees the old or the new content, never a mix", async () => {
    const file = path.join(dir, "agent.json");
    await writeConfig(file, sampleConfig(), false);
    const writes = Array.from({ length: 30 }, (_, i) => updateConfig(file, "11111111-1111-4111-8111-111111111111", { seq: i + 1 }));
    const reads = Array.from({ length: 60 }, async () => JSON.parse(await readFile(file, "utf8")) as { seq: number });
    const seen = await Promise.all(reads);
    await Promise.all(writes);
    for (const c of seen) expect(typeof c.seq).toBe("number");
    expect(await readdir(dir)).toEqual(["agent.json"]);
  });

  it("will not let a running agent overwrite a newer pairing", async () => {
    const file = path.join(dir, "agent.json");
    await writeConfig(file, sampleConfig("33333333-3333-4333-8333-333333333333"), false);
    await expect(updateConfig(file, "11111111-1111-4111-8111-111111111111", { seq: 5 })).rejects.toThrow(/re-paired/);
  });

  it("explains a missing or foreign file", async () => {
    await expect(readConfig(path.join(dir, "none.json"))).rejects.toThrow(/not paired/);
    await writeFile(path.join(dir, "bad.json"), '{"hello":1}', { mode: 0o600 });
    await expect(readConfig(path.join(dir, "bad.json"))).rejects.toThrow(/not a clawfleet agent config/);
  });

  it("takes --config, then CLAWFLEET_CONFIG, then ~/.config/clawfleet/agent.json", () => {
    expect(resolveConfigPath("/x/a.json", { CLAWFLEET_CONFIG: "/y/b.json" })).toBe("/x/a.json");
    expect(resolveConfigPath(undefined, { CLAWFLEET_CONFIG: "/y/b.json" })).toBe("/y/b.json");
    expect(resolveConfigPath(undefined, {})).toBe(path.join(os.homedir(), ".config", "clawfleet", "agent.json"));
  });
});
