import { array, number, object, oneOf, optional, string } from "./shape";
import type { Infer, Shape } from "./shape";
import { ShapeError } from "./shape";

// The heartbeat answer's `policy` (DeliveredPolicy in lib/schemas/policy-document.ts), checked by
// the agent before anything reaches the gateway.

const usd: Shape<number> = (value, path) => {
  const n = number({ above: 0 })(value, path);
  if (n > 1_000_000) throw new ShapeError(path, "Too big: expected number to be <=1000000");
  return n;
};

const caps: Shape<Record<string, number>> = (value, path) => {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new ShapeError(path, "Invalid input: expected record");
  const out: Record<string, number> = {};
  for (const [tool, cap] of Object.entries(value)) out[string(1)(tool, path).trim()] = usd(cap, [...path, tool]);
  return out;
};

const name = string(1);

export const DeliveredPolicy = object({
  version: number({ int: true, min: 0 }),
  model: optional(object({ primary: optional(name), fallbacks: optional(array(name)) })),
  allowedModels: optional(array(name)),
  tools: optional(object({ allow: optional(array(name)), deny: optional(array(name)) })),
  execMode: optional(oneOf("deny", "allowlist", "ask", "auto", "full")),
  sandboxMode: optional(oneOf("off", "non-main", "all")),
  toolCallCostCapsUsd: optional(caps),
  toolCallPricesUsd: optional(caps),
  dailySpendCapUsd: optional(usd),
});
export type DeliveredPolicy = Infer<typeof DeliveredPolicy>;

/** How the agent's last attempt at a revision went (PolicyStatusReport in the contract). */
export const PolicyStatus = object({ version: number({ int: true, min: 0 }), status: oneOf("applied", "failed"), message: optional(string()) });
export type PolicyStatus = Infer<typeof PolicyStatus>;
