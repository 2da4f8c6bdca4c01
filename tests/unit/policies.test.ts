import { describe, expect, it } from "vitest";
import { formatPath, modelAllowed, policyContradictions } from "@/lib/policies/checks";
import { diffPolicies, flattenPolicy, mergePolicies, readPolicyDocument, unflattenPolicy } from "@/lib/policies/merge";
import type { PolicyDocument } from "@/lib/schemas/policy-document";

const level = (lvl: "team" | "fleet" | "agent", revision: number, document: PolicyDocument) => ({ level: lvl, policyId: `${lvl}-id`, revision, document });

describe("policy merge", () => {
  it("takes each field from the most specific level that sets it; lists replace, caps merge per tool", () => {
    const merged = mergePolicies([
      level("team", 3, { allowedModels: ["anthropic/*"], tools: { deny: ["exec"] }, toolCallCostCapsUsd: { "*": 1, web: 0.2 }, toolCallPricesUsd: { web: 0.01 } }),
      level("fleet", 7, { tools: { deny: ["browser"] }, toolCallCostCapsUsd: { web: 0.5 } }),
      level("agent", 5, { model: { fallbacks: [] }, toolCallPricesUsd: { "image.generate": 0.04 } }),
    ]);
    expect(merged.document).toEqual({
      allowedModels: ["anthropic/*"], tools: { deny: ["browser"] }, toolCallCostCapsUsd: { "*": 1, web: 0.5 }, toolCallPricesUsd: { web: 0.01, "image.generate": 0.04 }, model: { fallbacks: [] },
    });
    expect(merged.provenance["toolCallPricesUsd.image.generate"]).toMatchObject({ level: "agent", revision: 5 });
    expect(merged.revision).toBe(7);
    expect(merged.provenance["tools.deny"]).toMatchObject({ level: "fleet", revision: 7 });
    expect(merged.provenance["toolCallCostCapsUsd.*"]).toMatchObject({ level: "team", revision: 3 });
    expect(merged.provenance["model.fallbacks"]).toMatchObject({ level: "agent", revision: 5 });
    expect(mergePolicies([])).toEqual({ document: {}, provenance: {}, revision: 0 });
  });

  it("flattens and unflattens without loss, and diffs field by field", () => {
    const doc: PolicyDocument = { model: { primary: "anthropic/claude-sonnet-4-5" }, execMode: "ask", toolCallCostCapsUsd: { "group:web": 2 }, toolCallPricesUsd: { web_search: 0.01 }, dailySpendCapUsd: 9 };
    expect(unflattenPolicy(flattenPolicy(doc))).toEqual(doc);
    expect(diffPolicies(doc, { ...doc, execMode: "deny", dailySpendCapUsd: undefined })).toEqual([
      { field: "execMode", before: "ask", after: "deny" },
      { field: "dailySpendCapUsd", before: 9, after: null },
    ]);
  });

  it("reads a stored document that no longer parses as whole, keeping the fields that do", () => {
    expect(readPolicyDocument({ execMode: "ask", maxCostUsd: 20, sandboxMode: "nope" })).toEqual({ execMode: "ask" });
    expect(readPolicyDocument("text")).toEqual({});
  });
});

describe("policy checks", () => {
  it("matches models against wildcard patterns, escaping everything else", () => {
    expect(modelAllowed("anthropic/claude-sonnet-4-5", ["anthropic/*"])).toBe(true);
    expect(modelAllowed("openai/gpt-5", ["anthropic/*", "openai/gpt-5-*"])).toBe(false);
    expect(modelAllowed("openai/gpt-5-mini", ["openai/gpt-5-*"])).toBe(true);
    expect(modelAllowed("anthropicXclaude", ["anthropic.claude"])).toBe(false);
  });

  it("names the path of each contradiction", () => {
    const paths = (doc: PolicyDocument) => policyContradictions(doc).map((i) => i.path);
    expect(paths({ allowedModels: ["anthropic/*"], model: { primary: "openai/gpt-5", fallbacks: ["anthropic/a", "openai/b"] } })).toEqual(["model.primary", "model.fallbacks[1]"]);
    expect(paths({ model: { primary: "a/b", fallbacks: ["c/d", "a/b"] } })).toEqual(["model.fallbacks[1]"]);
    expect(paths({ tools: { allow: ["web", "exec", "web"], deny: ["exec"] } })).toEqual(["tools.allow[2]", "tools.deny[0]"]);
    expect(paths({ allowedModels: ["x/*", "x/*"] })).toEqual(["allowedModels[1]"]);
    expect(paths({ model: { primary: "a/b" }, tools: { allow: ["web"], deny: ["exec"] } })).toEqual([]);
  });

  it("formats zod paths as the editor shows them", () => {
    expect(formatPath(["model", "fallbacks", 1])).toBe("model.fallbacks[1]");
    expect(formatPath(["toolCallCostCapsUsd", "exec"])).toBe("toolCallCostCapsUsd.exec");
    expect(formatPath([])).toBe("");
  });
});
