import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { refusalFor, toolMatches } from "@/plugin/src/decide";
import { GuardState } from "@/plugin/src/guard-state";
import { priceOutput } from "@/plugin/src/pricing";
import { readSettings } from "@/plugin/src/settings";
import { registerGuard } from "@/plugin/src/register";
import type { GatewayMethodHandler, PluginApi, ToolCallEvent } from "@/plugin/src/openclaw-api";
import { GuardReport } from "@/lib/schemas/policy-document";

let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "guard-plugin-"));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

const settings = readSettings({ revision: 7, deniedTools: ["exec", "mcp__*"], toolCallCostCapsUsd: { "*": 0.1, web_search: 0.02 }, toolCallPricesUsd: { web_search: 0.03, image_generate: 0.05, browser: 0.5 }, dailySpendCapUsd: 5 });

describe("the guard's decisions", () => {
  it("matches names case-insensitively and * as any run of characters", () => {
    expect(toolMatches("exec", "EXEC")).toBe(true);
    expect(toolMatches("mcp__*", "mcp__github_search")).toBe(true);
    expect(toolMatches("mcp__*", "xmcp__a")).toBe(false);
    expect(toolMatches("a.b", "aXb")).toBe(false);
  });

  it("refuses denied tools, then past the daily cap, then a declared price over the tool's cap (its own, else *)", () => {
    expect(refusalFor("exec", settings, 0)).toBe("denied by fleet policy (revision 7): tools.deny has exec");
    expect(refusalFor("mcp__files_read", settings, 0)).toBe("denied by fleet policy (revision 7): tools.deny has mcp__*");
    expect(refusalFor("web_search", settings, 0)).toBe('denied by fleet policy (revision 7): a call to web_search is priced $0.03, over its cap of $0.02 (toolCallCostCapsUsd["web_search"])');
    expect(refusalFor("image_generate", settings, 0)).toBeNull();
    expect(refusalFor("browser", settings, 0)).toBe('denied by fleet policy (revision 7): a call to browser is priced $0.5, over its cap of $0.1 (toolCallCostCapsUsd["*"])');
    expect(refusalFor("read", settings, 4.99)).toBeNull();
    expect(refusalFor("read", settings, 5)).toBe("denied by fleet policy (revision 7): today's spend $5 (UTC) has reached the daily cap of $5");
    expect(refusalFor("read", readSettings({}), 1e6)).toBeNull();
  });

  it("reads its settings leniently", () => {
    expect(readSettings({ revision: -3, deniedTools: ["", " exec ", 4], toolCallCostCapsUsd: { Exec: 1, bad: "x" }, dailySpendCapUsd: 0 })).toEqual({
      revision: 0, deniedTools: ["exec"], toolCallCostCapsUsd: { exec: 1 }, toolCallPricesUsd: {}, dailySpendCapUsd: null,
    });
  });
});

describe("spend", () => {
  const config = { models: { providers: { standin: { models: [{ id: "standin-model", cost: { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 } }] } } } };

  it("prices an llm_output at the gateway config's prices, else the runtime's own estimate, else not at all", () => {
    expect(priceOutput(config, { provider: "standin", model: "standin-model", usage: { input: 1200, output: 300, cacheRead: 1000, cacheWrite: 0 } })).toBeCloseTo(0.0081 + 0.0003, 12);
    expect(priceOutput(config, { provider: "standin", model: "standin/standin-model", usage: { input: 1e6 } })).toBeCloseTo(3, 12);
    expect(priceOutput(config, { provider: "other", model: "m", usage: { input: 10 }, lastAssistant: { usage: { cost: { total: 0.25 } } } })).toBe(0.25);
    expect(priceOutput(config, { provider: "other", model: "m", usage: { input: 10 } })).toBeNull();
    expect(priceOutput(config, { provider: "other", model: "m", usage: {} })).toBe(0);
  });

  it("sums the UTC day, starts again at midnight, keeps the day across a restart, and reports in the contract's shape", async () => {
    const file = path.join(dir, "guard.json");
    const morning = new Date("2026-12-01T08:00:00Z");
    const state = new GuardState(file, morning);
    state.revision = 4;
    state.addSpend(0.5, morning);
    state.addSpend(null, morning);
    for (let i = 0; i < 12; i++) state.refuse(`tool${i}`, "r", morning);
    const report = state.report(morning);
    expect(report).toMatchObject({ revision: 4, refusals: 12, spendTodayUsd: 0.5, unpricedToday: 1 });
    const { unpricedToday: _u, ...contract } = report;
    expect(GuardReport.parse(contract).lastRefusals.map((r) => r.tool)).toEqual([...Array(10)].map((_, i) => `tool${11 - i}`));
    expect(JSON.parse(await readFile(file, "utf8"))).toMatchObject({ day: "2026-12-01", spendTodayUsd: 0.5, refusals: 12 });

    const restarted = new GuardState(file, new Date("2026-12-01T20:00:00Z"));
    expect(restarted.report(new Date("2026-12-01T20:00:00Z"))).toMatchObject({ refusals: 0, spendTodayUsd: 0.5 });
    expect(restarted.spendToday(new Date("2026-12-02T00:00:01Z"))).toBe(0);
    expect(new GuardState(file, new Date("2026-12-03T00:00:00Z")).spendToday(new Date("2026-12-03T00:00:00Z"))).toBe(0);
  });
});

describe("the plugin's registration", () => {
  type Policy = { id: string; evaluate: (event: ToolCallEvent, ctx: object) => unknown };
  function fakeApi(pluginConfig: Record<string, unknown>, trusted: boolean) {
    const seen: { policies: Policy[]; hooks: Map<string, (event: never, ctx: object) => unknown>; methods: Map<string, GatewayMethodHandler>; cli: string[] } = { policies: [], hooks: new Map(), methods: new Map(), cli: [] };
    const api: PluginApi = {
      id: "clawfleet",
      config: { models: { providers: { standin: { models: [{ id: "m", cost: { input: 1000, output: 0 } }] } } } },
      pluginConfig,
      logger: { info: () => {}, warn: () => {} },
      on: (hook: string, handler: (event: never, ctx: object) => unknown) => void seen.hooks.set(hook, handler),
      ...(trusted ? { registerTrustedToolPolicy: (policy: Policy) => void seen.policies.push(policy) } : {}),
      registerGatewayMethod: (method, handler) => void seen.methods.set(method, handler),
      registerCli: (_registrar, options) => void seen.cli.push(...(options?.commands ?? [])),
    };
    return { api, seen };
  }
  const status = async (handler: GatewayMethodHandler | undefined) => {
    let answer: unknown;
    await handler?.({ params: {}, respond: (_ok, payload) => (answer = payload) });
    return GuardReport.parse(answer);
  };

  it("refuses through a trusted tool policy, counts llm_output spend and answers clawfleet.status in the contract's shape", async () => {
    const { api, seen } = fakeApi({ revision: 9, deniedTools: ["exec"], dailySpendCapUsd: 0.5 }, true);
    registerGuard(api, path.join(dir, "registered.json"));
    expect(seen.cli).toEqual(["clawfleet"]);
    const policy = seen.policies[0];
    expect(policy?.id).toBe("fleet-policy");
    expect(policy?.evaluate({ toolName: "exec", params: {} }, {})).toEqual({ block: true, blockReason: "denied by fleet policy (revision 9): tools.deny has exec" });
    expect(policy?.evaluate({ toolName: "read", params: {} }, {})).toBeUndefined();
    seen.hooks.get("llm_output")?.({ provider: "standin", model: "m", usage: { input: 600 } } as never, {});
    expect(policy?.evaluate({ toolName: "read", params: {} }, {})).toMatchObject({ block: true, blockReason: expect.stringContaining("daily cap of $0.5") });
    expect(await status(seen.methods.get("clawfleet.status"))).toMatchObject({ revision: 9, refusals: 2, spendTodayUsd: 0.6 });
  });

  it("falls back to a before_tool_call hook where the gateway has no trusted tool policies", () => {
    const { api, seen } = fakeApi({ revision: 1, deniedTools: ["web_*"] }, false);
    registerGuard(api, path.join(dir, "hooked.json"));
    expect(seen.policies).toHaveLength(0);
    expect(seen.hooks.get("before_tool_call")?.({ toolName: "web_fetch", params: {} } as never, {})).toMatchObject({ block: true });
  });
});
