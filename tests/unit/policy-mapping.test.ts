import { describe, expect, it } from "vitest";
import { readGuardReport } from "@/cli/src/guard-report";
import { buildHeartbeat } from "@/cli/src/heartbeat-body";
import { applyPolicy } from "@/cli/src/policy-apply";
import { policyLeaves, policyPatch } from "@/cli/src/policy-map";
import { DeliveredPolicy as AgentPolicyShape } from "@/cli/src/policy-shape";
import { check } from "@/cli/src/shape";
import { DeliveredPolicy, GuardReport, PolicyStatusReport } from "@/lib/schemas/policy-document";

const full = DeliveredPolicy.parse({
  version: 7,
  model: { primary: "anthropic/claude-sonnet-4-5", fallbacks: ["openai/gpt-5-mini"] },
  allowedModels: ["anthropic/*"],
  tools: { allow: ["group:fs"], deny: ["exec", "mcp__*"] },
  execMode: "ask",
  sandboxMode: "non-main",
  toolCallCostCapsUsd: { "*": 0.5, "image.generate": 2 },
  toolCallPricesUsd: { web_search: 0.01, "image.generate": 0.04 },
  dailySpendCapUsd: 25,
});

describe("policy → OpenClaw config", () => {
  it("maps every native part to its gateway key and the guardrails to the plugin's settings", () => {
    expect(Object.fromEntries(policyLeaves(full).map((l) => [l.path, l.value]))).toEqual({
      "agents.defaults.model.primary": "anthropic/claude-sonnet-4-5",
      "agents.defaults.model.fallbacks": ["openai/gpt-5-mini"],
      "agents.defaults.modelPolicy.allow": ["anthropic/*"],
      "tools.allow": ["group:fs"],
      "tools.deny": ["exec", "mcp__*"],
      "tools.exec.mode": "ask",
      "agents.defaults.sandbox.mode": "non-main",
      "plugins.entries.clawfleet.config.revision": 7,
      "plugins.entries.clawfleet.config.deniedTools": ["exec", "mcp__*"],
      "plugins.entries.clawfleet.config.toolCallCostCapsUsd.*": 0.5,
      "plugins.entries.clawfleet.config.toolCallCostCapsUsd.image.generate": 2,
      "plugins.entries.clawfleet.config.toolCallPricesUsd.web_search": 0.01,
      "plugins.entries.clawfleet.config.toolCallPricesUsd.image.generate": 0.04,
      "plugins.entries.clawfleet.config.dailySpendCapUsd": 25,
    });
  });

  it("builds one merge patch: arrays named in replacePaths, the plugin enabled with its usage hook, a dotted tool name kept whole", () => {
    const { patch, replacePaths } = policyPatch(full, null);
    expect(patch).toEqual({
      agents: { defaults: { model: { primary: "anthropic/claude-sonnet-4-5", fallbacks: ["openai/gpt-5-mini"] }, modelPolicy: { allow: ["anthropic/*"] }, sandbox: { mode: "non-main" } } },
      tools: { allow: ["group:fs"], deny: ["exec", "mcp__*"], exec: { mode: "ask" } },
      plugins: { entries: { clawfleet: { enabled: true, hooks: { allowConversationAccess: true }, config: { revision: 7, deniedTools: ["exec", "mcp__*"], toolCallCostCapsUsd: { "*": 0.5, "image.generate": 2 }, toolCallPricesUsd: { web_search: 0.01, "image.generate": 0.04 }, dailySpendCapUsd: 25 } } } },
    });
    expect(replacePaths).toEqual(["agents.defaults.model.fallbacks", "agents.defaults.modelPolicy.allow", "plugins.entries.clawfleet.config.deniedTools", "tools.allow", "tools.deny"]);
  });

  it("deletes (null) what the previous policy set and this one does not, and nothing else", () => {
    const next = DeliveredPolicy.parse({ version: 8, tools: { deny: ["exec"] }, toolCallCostCapsUsd: { "*": 0.5 } });
    const { patch, replacePaths } = policyPatch(next, full);
    expect(patch).toEqual({
      agents: { defaults: { model: { primary: null, fallbacks: null }, modelPolicy: { allow: null }, sandbox: { mode: null } } },
      tools: { deny: ["exec"], allow: null, exec: { mode: null } },
      plugins: { entries: { clawfleet: { enabled: true, hooks: { allowConversationAccess: true }, config: { revision: 8, deniedTools: ["exec"], toolCallCostCapsUsd: { "*": 0.5, "image.generate": null }, toolCallPricesUsd: { web_search: null, "image.generate": null }, dailySpendCapUsd: null } } } },
    });
    expect(replacePaths).toContain("tools.allow");
    expect(replacePaths).toContain("agents.defaults.model.fallbacks");
  });

  it("keeps a gateway model given as a plain string as the primary when the policy sets only fallbacks", () => {
    const next = DeliveredPolicy.parse({ version: 1, model: { fallbacks: ["openai/gpt-5-mini"] } });
    expect(policyPatch(next, null, "anthropic/claude-opus-4").patch.agents).toEqual({ defaults: { model: { fallbacks: ["openai/gpt-5-mini"], primary: "anthropic/claude-opus-4" } } });
    expect(policyPatch(next, null, { primary: "x/y" }).patch.agents).toEqual({ defaults: { model: { fallbacks: ["openai/gpt-5-mini"] } } });
  });
});

describe("the agent's shape checks", () => {
  it("accepts what the contract delivers and refuses what it does not", () => {
    expect(check(AgentPolicyShape, full)).toMatchObject({ ok: true, data: full });
    expect(check(AgentPolicyShape, { version: 1 })).toMatchObject({ ok: true });
    const bad = check(AgentPolicyShape, { version: 2, execMode: "sometimes" });
    expect(bad.ok ? "" : bad.error.where).toBe('execMode: Invalid option: expected one of "deny"|"allowlist"|"ask"|"auto"|"full"');
    const cap = check(AgentPolicyShape, { version: 2, toolCallCostCapsUsd: { exec: -1 } });
    expect(cap.ok ? "" : cap.error.where).toBe("toolCallCostCapsUsd.exec: Too small: expected number to be >0");
    expect(check(AgentPolicyShape, { tools: {} }).ok).toBe(false);
  });

  it("reads the plugin's report into the contract's GuardReport bounds", () => {
    const report = readGuardReport({
      revision: 3, refusals: 12, spendTodayUsd: 0.0081, unpricedToday: 0,
      lastRefusals: [...Array(12)].map((_, i) => ({ at: "2026-12-01T10:00:00.000Z", tool: `t${i}\n`, reason: "x".repeat(400) })),
    });
    expect(GuardReport.parse(report)).toEqual(report);
    expect(report?.lastRefusals).toHaveLength(10);
    expect(report?.lastRefusals[0]).toMatchObject({ tool: "t0", reason: expect.stringMatching(/^x{299}~$/) });
    expect(readGuardReport({ revision: -1, refusals: 0, spendTodayUsd: 0 })).toBeNull();
    expect(readGuardReport("nope")).toBeNull();
  });

  it("puts policyStatus and guard on the heartbeat exactly as the contract has them", () => {
    const parts = { seq: 1, gateway: { url: "http://127.0.0.1:18789", reachable: true, healthy: true, rttMs: 1 }, metrics: { cpuPct: 1 }, policyVersion: 3, acks: [] };
    const body = buildHeartbeat({
      ...parts,
      policyStatus: { version: 4, status: "failed", message: "invalid config:\n tools.exec.mode" },
      guard: { revision: 3, refusals: 1, spendTodayUsd: 0.5, lastRefusals: [] },
    });
    expect(PolicyStatusReport.parse(body.policyStatus)).toEqual({ version: 4, status: "failed", message: "invalid config: tools.exec.mode" });
    expect(GuardReport.parse(body.guard)).toEqual(body.guard);
    const plain = buildHeartbeat(parts);
    expect("guard" in plain || "policyStatus" in plain).toBe(false);
  });
});

describe("applying", () => {
  it("leaves the gateway alone for a policy that sets nothing after one that set nothing", async () => {
    const untouchable = { gateway: () => Promise.reject(new Error("must not connect")), installPlugin: () => Promise.reject(new Error("must not install")) };
    expect(await applyPolicy(DeliveredPolicy.parse({ version: 1 }), null, untouchable)).toEqual({ report: { version: 1, status: "applied" }, transient: false });
    expect(await applyPolicy(DeliveredPolicy.parse({ version: 2 }), full, untouchable)).toMatchObject({ report: { version: 2, status: "failed" }, transient: true });
  });
});
