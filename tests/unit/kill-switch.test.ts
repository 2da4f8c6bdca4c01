import { describe, expect, it } from "vitest";
import { primaryModelOf } from "@/cli/src/gateway-usage";
import { clearSessionPins, pinnedElsewhere } from "@/cli/src/session-pins";
import { rotatedDocument, rotationProblems, setsModel, type RotationAgentLevels, type RotationTarget } from "@/lib/policies/rotation";
import type { PolicyDocument } from "@/lib/schemas/policy-document";

// Rows as openclaw 2026.9.6's sessions.list answers them (trimmed to the fields that matter).
const row = (key: string, model: string, pinned: boolean) => ({ key, kind: "direct", modelProvider: model.split("/")[0], model: model.split("/")[1], modelOverrideSource: pinned ? "user" : null, status: "done" });

describe("reading the gateway's primary model", () => {
  it("takes agents.defaults.model as a string or {primary}, else none", () => {
    expect(primaryModelOf({ hash: "h", config: { agents: { defaults: { model: { primary: "standin/model-a", fallbacks: [] } } } } })).toBe("standin/model-a");
    expect(primaryModelOf({ config: { agents: { defaults: { model: "anthropic/claude-sonnet-4-5" } } } })).toBe("anthropic/claude-sonnet-4-5");
    expect(primaryModelOf({ config: { agents: { defaults: {} } } })).toBeNull();
    expect(primaryModelOf({ config: { agents: { defaults: { model: { primary: 3 } } } } })).toBeNull();
    expect(primaryModelOf(null)).toBeNull();
  });
});

describe("clearing session pins", () => {
  it("finds sessions pinned to another model; unpinned ones and pins to the kept model stay", () => {
    const answer = { count: 4, hasMore: false, nextOffset: null, sessions: [row("a", "standin/model-b", true), row("b", "standin/model-a", true), row("c", "standin/model-b", false), { key: 7 }] };
    expect(pinnedElsewhere(answer, "standin/model-a")).toEqual({ keys: ["a"], kept: 1 });
    expect(() => pinnedElsewhere({ ok: true }, "x/y")).toThrow(/sessions\.list/);
  });

  it("pages through sessions.list and patches at most 100 sessions at a time, counting what the gateway cleared", async () => {
    const sessions = Array.from({ length: 250 }, (_, i) => row(`s${i}`, i % 5 === 0 ? "standin/model-a" : "standin/model-b", true));
    const calls: { method: string; params: { limit?: number; offset?: number; targets?: { key: string }[]; patch?: unknown } }[] = [];
    const gateway = {
      request: async (method: string, params: unknown) => {
        const p = params as (typeof calls)[number]["params"];
        calls.push({ method, params: p });
        if (method === "sessions.list") {
          const offset = p.offset ?? 0;
          const end = offset + (p.limit ?? 100);
          return { sessions: sessions.slice(offset, end), hasMore: end < sessions.length, nextOffset: end < sessions.length ? end : null };
        }
        return { outcomes: (p.targets ?? []).map((t) => (t.key === "s1" ? { ok: false, key: t.key, error: { message: "session busy" } } : { ok: true, key: t.key })) };
      },
      close: () => {},
    };
    const outcome = await clearSessionPins(gateway, "standin/model-a");
    expect(calls.filter((c) => c.method === "sessions.list").map((c) => c.params.offset)).toEqual([0, 100, 200]);
    const patches = calls.filter((c) => c.method === "sessions.patchMany");
    expect(patches.map((c) => c.params.targets?.length)).toEqual([100, 100]);
    expect(patches.every((c) => JSON.stringify(c.params.patch) === '{"model":null}')).toBe(true);
    expect(outcome).toEqual({ status: "failed", message: "cleared 199 pinned sessions (50 kept on standin/model-a); 1 failed: session busy" });
  });

  it("answers done with nothing to clear, and failed when the gateway cannot be asked", async () => {
    const empty = { request: async () => ({ sessions: [], hasMore: false }), close: () => {} };
    expect(await clearSessionPins(empty, "a/b")).toEqual({ status: "done", message: "cleared 0 pinned sessions (0 kept on a/b)" });
    const broken = { request: async () => Promise.reject(new Error("missing scope: operator.write")), close: () => {} };
    expect(await clearSessionPins(broken, "a/b")).toMatchObject({ status: "failed", message: expect.stringContaining("missing scope") });
  });
});

describe("rotation documents and contradictions", () => {
  const target = (t: Partial<RotationTarget> & Pick<RotationTarget, "level" | "targetId">): RotationTarget => ({ policyId: `p-${t.targetId}`, targetName: t.targetId, revision: 1, document: {}, ...t });
  const proposedFor = (targets: RotationTarget[], backup: string, fallbacks: string[] = []) => new Map(targets.map((t) => [t.targetId, rotatedDocument(t.document, backup, fallbacks)]));

  it("puts the backup first with its own fallbacks (none by default), keeping every other setting", () => {
    const doc: PolicyDocument = { model: { primary: "a/x", fallbacks: ["a/y"] }, execMode: "ask", allowedModels: ["a/*", "b/*"] };
    expect(rotatedDocument(doc, "b/z", [])).toEqual({ model: { primary: "b/z", fallbacks: [] }, execMode: "ask", allowedModels: ["a/*", "b/*"] });
    expect(setsModel({ model: { fallbacks: [] } })).toBe(true);
    expect(setsModel({ execMode: "ask" })).toBe(false);
  });

  it("names the policy and path of an allowed-models list that does not match the backup, at the same level or another", () => {
    const team = target({ level: "team", targetId: "team", document: { allowedModels: ["a/*"] } });
    expect(rotationProblems([team], [], proposedFor([team], "b/z"))).toEqual([expect.objectContaining({ path: "model.primary", policyId: "p-team" })]);

    const fleetLevel = { level: "fleet" as const, policyId: "p-fleet", revision: 2, document: { allowedModels: ["a/*"] } };
    const agent: RotationAgentLevels = { id: "ag", name: "box", fleetId: "fleet", levels: [{ level: "team", policyId: "p-team2", revision: 1, document: {} }, fleetLevel] };
    const team2 = target({ level: "team", targetId: "team2", policyId: "p-team2" });
    const problems = rotationProblems([team2], [agent], proposedFor([team2], "b/z"));
    expect(problems).toEqual([expect.objectContaining({ path: "allowedModels", policyId: "p-fleet", agentId: "ag" })]);
    // A policy the rotation creates joins the agent's levels, and wins over the team's model.
    const created = target({ level: "agent", targetId: "ag", policyId: null });
    expect(rotationProblems([created], [{ ...agent, levels: [fleetLevel] }], proposedFor([created], "a/ok"))).toEqual([]);
    expect(rotationProblems([created], [agent], proposedFor([created], "a/ok", ["a/ok"]))).toEqual([expect.objectContaining({ path: "model.fallbacks[0]" })]);
  });
});
