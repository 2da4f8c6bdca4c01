import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DailyModelUsage } from "@/cli/src/gateway-usage";
import { resolveGatewayToken } from "@/cli/src/gateway-token";
import { UsageCollector } from "@/cli/src/usage-collector";
import { deviceIdOf, loadGatewayDevice } from "@/cli/src/gateway-device";

const usage = (day: string, model: string, inputTokens: number): DailyModelUsage => ({
  day, provider: "p", model, inputTokens, outputTokens: 1, cacheReadTokens: 0, cacheWriteTokens: 0, costUsd: inputTokens / 1e6, missingCostEntries: 0, calls: 1,
});

let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "cli-usage-"));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

describe("the gateway token", () => {
  it("comes from OPENCLAW_GATEWAY_TOKEN, then the gateway's own config (JSON5, ${VAR} references), for a local gateway only", async () => {
    const file = path.join(dir, "openclaw.json");
    await writeFile(file, `{ // JSON5, as OpenClaw writes it\n gateway: { auth: { mode: "token", token: "from-file", }, }, }`);
    const local = "http://127.0.0.1:18789";
    expect(await resolveGatewayToken({ gatewayUrl: local, env: { OPENCLAW_GATEWAY_TOKEN: "from-env", OPENCLAW_CONFIG_PATH: file } })).toEqual({ token: "from-env", from: "OPENCLAW_GATEWAY_TOKEN" });
    expect(await resolveGatewayToken({ gatewayUrl: local, env: { OPENCLAW_CONFIG_PATH: file } })).toEqual({ token: "from-file", from: file });
    expect((await resolveGatewayToken({ gatewayUrl: "http://10.0.0.5:18789", env: { OPENCLAW_CONFIG_PATH: file } })).token).toBeNull();
    await writeFile(file, `{ "gateway": { "auth": { "token": "\${FLEET_GW_TOKEN}" } } }`);
    expect(await resolveGatewayToken({ gatewayUrl: local, env: { OPENCLAW_CONFIG_PATH: file, FLEET_GW_TOKEN: "from-ref" } })).toMatchObject({ token: "from-ref" });
    const missing = await resolveGatewayToken({ gatewayUrl: local, env: { OPENCLAW_CONFIG_PATH: path.join(dir, "none.json") } });
    expect(missing).toMatchObject({ token: null, reason: expect.stringContaining("OPENCLAW_GATEWAY_TOKEN") });
    await writeFile(file, "{ not json");
    expect(await resolveGatewayToken({ gatewayUrl: local, env: { OPENCLAW_CONFIG_PATH: file } })).toMatchObject({ token: null, reason: expect.stringContaining("not valid JSON5") });
  });

  it("goes with a device identity of its own, kept 0600 and reused", async () => {
    const config = path.join(dir, "agent.json");
    const first = await loadGatewayDevice(config);
    expect(first.deviceId).toBe(deviceIdOf(first.publicKeyPem));
    expect((await loadGatewayDevice(config)).deviceId).toBe(first.deviceId);
  });
});

describe("the usage collector", () => {
  const device = () => loadGatewayDevice(path.join(dir, "agent.json"));

  it("reads yesterday and today after start, then today; a body carries only what changed since the last delivered", async () => {
    let now = Date.parse("2026-12-01T23:59:00Z");
    const asked: string[][] = [];
    let figures = new Map([["2026-11-30", 5], ["2026-12-01", 100]]);
    const collector = new UsageCollector({
      gatewayUrl: "http://127.0.0.1:18789",
      device,
      version: "test",
      now: () => now,
      makeReader: () => ({ read: async (days) => (asked.push(days), days.map((d) => usage(d, "m", figures.get(d) ?? 0))), close: () => {} }),
    });
    process.env.OPENCLAW_GATEWAY_TOKEN = "t";
    try {
      const first = await collector.take(1000);
      expect(asked).toEqual([["2026-11-30", "2026-12-01"]]);
      expect(first.usageDaily.map((u) => [u.day, u.inputTokens])).toEqual([["2026-11-30", 5], ["2026-12-01", 100]]);
      collector.delivered(first.usageDaily);
      expect((await collector.take(1000)).usageDaily).toEqual([]);
      expect(asked.at(-1)).toEqual(["2026-12-01"]);
      figures = new Map([["2026-12-01", 130], ["2026-12-02", 7]]);
      // Past midnight: the day that ended is read once more to close it, with the new one.
      now = Date.parse("2026-12-02T00:00:30Z");
      const next = await collector.take(1000);
      expect(asked.at(-1)).toEqual(["2026-12-01", "2026-12-02"]);
      expect(next.usageDaily.map((u) => [u.day, u.inputTokens])).toEqual([["2026-12-01", 130], ["2026-12-02", 7]]);
      // Not delivered (that heartbeat failed): the next body carries them again, yesterday's final figure too.
      const again = await collector.take(1000);
      expect(asked.at(-1)).toEqual(["2026-12-02"]);
      expect(again.usageDaily.map((u) => [u.day, u.inputTokens])).toEqual([["2026-12-01", 130], ["2026-12-02", 7]]);
      collector.delivered(again.usageDaily);
      expect((await collector.take(1000)).usageDaily).toEqual([]);
    } finally {
      delete process.env.OPENCLAW_GATEWAY_TOKEN;
    }
  });

  it("says why usage cannot be read, and never waits longer than its budget", async () => {
    const noToken = new UsageCollector({ gatewayUrl: "http://10.1.2.3:18789", device, version: "test" });
    expect(await noToken.take(1000)).toEqual({ usageDaily: [], usageError: expect.stringContaining("another host") });
    process.env.OPENCLAW_GATEWAY_TOKEN = "t";
    try {
      const slow = new UsageCollector({ gatewayUrl: "http://127.0.0.1:18789", device, version: "test", makeReader: () => ({ read: () => new Promise(() => {}), close: () => {} }) });
      const started = performance.now();
      expect((await slow.take(200)).usageDaily).toEqual([]);
      expect(performance.now() - started).toBeLessThan(1000);
      const failing = new UsageCollector({ gatewayUrl: "http://127.0.0.1:18789", device, version: "test", makeReader: () => ({ read: () => Promise.reject(new Error("unauthorized: gateway token mismatch")), close: () => {} }) });
      expect(await failing.take(1000)).toEqual({ usageDaily: [], usageError: "reading usage from the gateway failed: unauthorized: gateway token mismatch" });
    } finally {
      delete process.env.OPENCLAW_GATEWAY_TOKEN;
    }
  });
});
