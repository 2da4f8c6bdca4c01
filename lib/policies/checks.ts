import type { PolicyDocument } from "@/lib/schemas/policy-document";

/** A problem in a policy document, at a path such as `model.fallbacks[1]`. */
export type PolicyIssue = { path: string; message: string };

/** A zod issue path as the editor shows it: `model.fallbacks[1]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, part) => (typeof part === "number" ? `${out}[${part}]` : out ? `${out}.${String(part)}` : String(part)), "");
}

const escape = (s: string) => s.replace(/[.+?^${}()|[\]\\]/g, "\\$&");

/** Whether a model reference matches an allowed pattern (`*` stands for any characters, `anthropic/*`). */
export function modelAllowed(model: string, patterns: readonly string[]): boolean {
  return patterns.some((p) => new RegExp(`^${p.split("*").map(escape).join(".*")}$`).test(model));
}

function duplicates(list: readonly string[] | undefined, path: string, issues: PolicyIssue[]) {
  const seen = new Set<string>();
  list?.forEach((item, i) => {
    if (seen.has(item)) issues.push({ path: `${path}[${i}]`, message: `"${item}" is listed twice` });
    seen.add(item);
  });
}

/**
 * Contradictions within one document: a duplicate entry, a primary or fallback model the allowed
 * list does not match, a fallback equal to the primary, a tool both allowed and denied.
 */
export function policyContradictions(doc: PolicyDocument): PolicyIssue[] {
  const issues: PolicyIssue[] = [];
  const primary = doc.model?.primary;
  const fallbacks = doc.model?.fallbacks ?? [];
  duplicates(doc.model?.fallbacks, "model.fallbacks", issues);
  duplicates(doc.allowedModels, "allowedModels", issues);
  duplicates(doc.tools?.allow, "tools.allow", issues);
  duplicates(doc.tools?.deny, "tools.deny", issues);
  const allowed = doc.allowedModels;
  if (primary !== undefined && allowed !== undefined && !modelAllowed(primary, allowed)) {
    issues.push({ path: "model.primary", message: `"${primary}" is not matched by allowedModels` });
  }
  fallbacks.forEach((model, i) => {
    if (model === primary) issues.push({ path: `model.fallbacks[${i}]`, message: `"${model}" is also the primary model` });
    else if (allowed !== undefined && !modelAllowed(model, allowed)) issues.push({ path: `model.fallbacks[${i}]`, message: `"${model}" is not matched by allowedModels` });
  });
  const allow = new Set(doc.tools?.allow ?? []);
  doc.tools?.deny?.forEach((tool, i) => {
    if (allow.has(tool)) issues.push({ path: `tools.deny[${i}]`, message: `"${tool}" is both allowed and denied` });
  });
  return issues;
}
