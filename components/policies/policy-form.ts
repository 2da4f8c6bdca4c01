import { formatPath, policyContradictions, type PolicyIssue } from "@/lib/policies/checks";
import { POLICY_EXEC_MODES, POLICY_SANDBOX_MODES, PolicyDocument } from "@/lib/schemas/policy-document";

export type FormKey = "primary" | "fallbacks" | "allowedModels" | "toolsAllow" | "toolsDeny" | "execMode" | "sandboxMode" | "caps" | "prices" | "dailySpendCapUsd";
export type FormTexts = Record<FormKey, string>;

type FormField = { key: FormKey; path: string; label: string; kind: "text" | "list" | "select" | "caps" | "number"; hint?: string; options?: readonly string[] };

/** The form's fields, each bound to one path of the document (errors at or under the path show on the field). */
export const FORM_FIELDS: FormField[] = [
  { key: "primary", path: "model.primary", label: "Primary model", kind: "text", hint: "provider/model, e.g. anthropic/claude-sonnet-4-5" },
  { key: "fallbacks", path: "model.fallbacks", label: "Fallback models", kind: "list", hint: "Comma-separated, in order. An explicit empty list: use the JSON tab." },
  { key: "allowedModels", path: "allowedModels", label: "Allowed models", kind: "list", hint: "Comma-separated; wildcards such as anthropic/*" },
  { key: "toolsAllow", path: "tools.allow", label: "Tools allowed", kind: "list", hint: "Comma-separated tool names, groups (group:web) or wildcards" },
  { key: "toolsDeny", path: "tools.deny", label: "Tools denied", kind: "list", hint: "Deny wins over allow" },
  { key: "execMode", path: "execMode", label: "Exec mode", kind: "select", options: POLICY_EXEC_MODES },
  { key: "sandboxMode", path: "sandboxMode", label: "Sandbox mode", kind: "select", options: POLICY_SANDBOX_MODES },
  { key: "caps", path: "toolCallCostCapsUsd", label: "Cost cap per tool call (USD)", kind: "caps", hint: "One per line: tool = USD; * caps every tool" },
  { key: "prices", path: "toolCallPricesUsd", label: "Price of one tool call (USD)", kind: "caps", hint: "One per line: tool = USD; * for any other. The caps compare these: OpenClaw gives no cost for a tool call" },
  { key: "dailySpendCapUsd", path: "dailySpendCapUsd", label: "Daily spend cap (USD)", kind: "number", hint: "Per agent per UTC day" },
];

const list = (text: string) => {
  const items = text.split(/[\n,]/).map((s) => s.trim()).filter(Boolean);
  return items.length ? items : undefined;
};
const compact = (o: Record<string, unknown>) => {
  const kept = Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
  return Object.keys(kept).length ? kept : undefined;
};

/** The form's texts as a document (not yet validated: a bad number stays visible to the schema). */
export function toDocument(t: FormTexts): Record<string, unknown> {
  const perTool = (text: string) => {
    const entries = text.split("\n").map((line) => line.trim()).filter(Boolean).map((line) => {
      const [tool = "", usd = ""] = line.split("=");
      return [tool.trim(), usd.trim() === "" ? Number.NaN : Number(usd.trim())] as const;
    });
    return entries.length ? Object.fromEntries(entries) : undefined;
  };
  return compact({
    model: compact({ primary: t.primary.trim() || undefined, fallbacks: list(t.fallbacks) }),
    allowedModels: list(t.allowedModels),
    tools: compact({ allow: list(t.toolsAllow), deny: list(t.toolsDeny) }),
    execMode: t.execMode || undefined,
    sandboxMode: t.sandboxMode || undefined,
    toolCallCostCapsUsd: perTool(t.caps),
    toolCallPricesUsd: perTool(t.prices),
    dailySpendCapUsd: t.dailySpendCapUsd.trim() === "" ? undefined : Number(t.dailySpendCapUsd),
  }) ?? {};
}

export function fromDocument(d: PolicyDocument): FormTexts {
  return {
    primary: d.model?.primary ?? "",
    fallbacks: d.model?.fallbacks?.join(", ") ?? "",
    allowedModels: d.allowedModels?.join(", ") ?? "",
    toolsAllow: d.tools?.allow?.join(", ") ?? "",
    toolsDeny: d.tools?.deny?.join(", ") ?? "",
    execMode: d.execMode ?? "",
    sandboxMode: d.sandboxMode ?? "",
    caps: Object.entries(d.toolCallCostCapsUsd ?? {}).map(([tool, usd]) => `${tool} = ${usd}`).join("\n"),
    prices: Object.entries(d.toolCallPricesUsd ?? {}).map(([tool, usd]) => `${tool} = ${usd}`).join("\n"),
    dailySpendCapUsd: d.dailySpendCapUsd === undefined ? "" : String(d.dailySpendCapUsd),
  };
}

/** The same checks as the server: the schema, then contradictions, each with its path. */
export function validateDocument(value: unknown): { document: PolicyDocument | null; issues: PolicyIssue[] } {
  const parsed = PolicyDocument.safeParse(value);
  if (!parsed.success) return { document: null, issues: parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })) };
  return { document: parsed.data, issues: policyContradictions(parsed.data) };
}

/** Whether an issue's path belongs to a form field (`model.fallbacks[1]` to model.fallbacks). */
export const issueOn = (fieldPath: string, issuePath: string) => issuePath === fieldPath || issuePath.startsWith(`${fieldPath}.`) || issuePath.startsWith(`${fieldPath}[`);
