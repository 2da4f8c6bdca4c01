import type { PolicyStatusReport } from "@/lib/schemas/policy-document";

export type ConvergenceState = "current" | "pending" | "failed";

/** Where an agent stands: on its effective revision, failed to apply it (the previous one stays in force), or not there yet. */
export function convergenceOf(applied: number, effective: number, status: PolicyStatusReport | null): { state: ConvergenceState; message: string | null } {
  if (applied === effective) return { state: "current", message: null };
  if (status?.version === effective && status.status === "failed") return { state: "failed", message: status.message ?? "The gateway refused it" };
  return { state: "pending", message: null };
}
