const LABELS: Record<string, string> = {
  "model.primary": "Primary model",
  "model.fallbacks": "Fallback models",
  allowedModels: "Allowed models",
  "tools.allow": "Tools allowed",
  "tools.deny": "Tools denied",
  execMode: "Exec mode",
  sandboxMode: "Sandbox mode",
  dailySpendCapUsd: "Daily spend cap",
};
const CAP = "toolCallCostCapsUsd.";
const PRICE = "toolCallPricesUsd.";

/** A merged field (model.primary, toolCallCostCapsUsd.exec, …) as people read it. */
export function fieldLabel(field: string): string {
  if (field.startsWith(CAP)) return `Cost cap per call: ${field.slice(CAP.length)}`;
  if (field.startsWith(PRICE)) return `Price per call: ${field.slice(PRICE.length)}`;
  return LABELS[field] ?? field;
}

/** A field's value as text: lists joined, amounts in USD, absent as a dash. */
export function formatValue(field: string, value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (Array.isArray(value)) return value.length ? value.join(", ") : "none";
  if (typeof value === "number" && (field.startsWith(CAP) || field.startsWith(PRICE) || field === "dailySpendCapUsd")) return `$${value}`;
  return String(value);
}

export const LEVEL_LABELS = { team: "Team", fleet: "Fleet", agent: "Agent" } as const;
