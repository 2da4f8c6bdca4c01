import { PolicyDocument } from "@/lib/schemas/policy-document";

export const POLICY_LEVELS = ["team", "fleet", "agent"] as const;
export type PolicyLevel = (typeof POLICY_LEVELS)[number];

/** Where one effective value comes from. */
export type Source = { level: PolicyLevel; policyId: string; revision: number };
export type LevelDocument = Source & { document: PolicyDocument };

// Merged per tool: one field per key.
const PER_TOOL = ["toolCallCostCapsUsd", "toolCallPricesUsd"] as const;

/**
 * A document as its separately merged fields: `model.primary`, `model.fallbacks`, `allowedModels`,
 * `tools.allow`, `tools.deny`, `execMode`, `sandboxMode`, `dailySpendCapUsd`, and one
 * `toolCallCostCapsUsd.<tool>` per capped tool and `toolCallPricesUsd.<tool>` per priced one. Lists are values of their own (a level that sets a
 * list replaces the whole list; an empty list sets "none").
 */
export function flattenPolicy(doc: PolicyDocument): Map<string, unknown> {
  const flat = new Map<string, unknown>();
  const put = (key: string, value: unknown) => value !== undefined && flat.set(key, value);
  put("model.primary", doc.model?.primary);
  put("model.fallbacks", doc.model?.fallbacks);
  put("allowedModels", doc.allowedModels);
  put("tools.allow", doc.tools?.allow);
  put("tools.deny", doc.tools?.deny);
  put("execMode", doc.execMode);
  put("sandboxMode", doc.sandboxMode);
  for (const field of PER_TOOL) for (const [tool, usd] of Object.entries(doc[field] ?? {})) put(`${field}.${tool}`, usd);
  put("dailySpendCapUsd", doc.dailySpendCapUsd);
  return flat;
}

/** The inverse of flattenPolicy. */
export function unflattenPolicy(flat: Map<string, unknown>): PolicyDocument {
  const doc: Record<string, unknown> = {};
  const model: Record<string, unknown> = {};
  const tools: Record<string, unknown> = {};
  const perTool: Record<string, Record<string, unknown>> = {};
  for (const [key, value] of flat) {
    const field = PER_TOOL.find((f) => key.startsWith(`${f}.`));
    if (field) (perTool[field] ??= {})[key.slice(field.length + 1)] = value;
    else if (key.startsWith("model.")) model[key.slice(6)] = value;
    else if (key.startsWith("tools.")) tools[key.slice(6)] = value;
    else doc[key] = value;
  }
  if (Object.keys(model).length > 0) doc.model = model;
  if (Object.keys(tools).length > 0) doc.tools = tools;
  Object.assign(doc, perTool);
  return PolicyDocument.parse(doc);
}

/** Merges levels given from least to most specific (team, fleet, agent): per field, the most specific level that sets it wins. */
export function mergePolicies(levels: LevelDocument[]): { document: PolicyDocument; provenance: Record<string, Source>; revision: number } {
  const flat = new Map<string, unknown>();
  const provenance: Record<string, Source> = {};
  let revision = 0;
  for (const { document, ...source } of levels) {
    revision = Math.max(revision, source.revision);
    for (const [key, value] of flattenPolicy(document)) {
      flat.set(key, value);
      provenance[key] = source;
    }
  }
  return { document: unflattenPolicy(flat), provenance, revision };
}

export type FieldChange = { field: string; before: unknown; after: unknown };

/** The fields whose values differ between two documents (absent is `null`), in field order. */
export function diffPolicies(before: PolicyDocument, after: PolicyDocument): FieldChange[] {
  const a = flattenPolicy(before);
  const b = flattenPolicy(after);
  const keys = [...new Set([...a.keys(), ...b.keys()])];
  return keys
    .filter((k) => JSON.stringify(a.get(k)) !== JSON.stringify(b.get(k)))
    .map((field) => ({ field, before: a.get(field) ?? null, after: b.get(field) ?? null }));
}

/**
 * A stored document as a PolicyDocument. Documents are validated before they are written; this only
 * guards against a document written before the schema gained a rule: a field that no longer parses is left out.
 */
export function readPolicyDocument(json: unknown): PolicyDocument {
  const whole = PolicyDocument.safeParse(json);
  if (whole.success) return whole.data;
  if (typeof json !== "object" || json === null) return {};
  const kept: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(PolicyDocument.shape)) {
    const field = schema.safeParse((json as Record<string, unknown>)[key]);
    if (field.success && field.data !== undefined) kept[key] = field.data;
  }
  return PolicyDocument.parse(kept);
}
