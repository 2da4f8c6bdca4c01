import { isRecord } from "./guards";
import { printable } from "./text";

/** GuardReport (lib/schemas/policy-document.ts): what the clawfleet plugin refused and counted. */
export type GuardReport = { revision: number; refusals: number; spendTodayUsd: number; lastRefusals: { at: string; tool: string; reason: string }[] };

const count = (value: unknown, max: number) => (typeof value === "number" && Number.isFinite(value) && value >= 0 ? Math.min(value, max) : null);

/** The plugin's `clawfleet.status` answer in the contract's bounds, or null when it is not one. */
export function readGuardReport(raw: unknown): GuardReport | null {
  if (!isRecord(raw)) return null;
  const revision = count(raw.revision, 1e9);
  const refusals = count(raw.refusals, 1e12);
  const spend = count(raw.spendTodayUsd, 1e9);
  if (revision === null || refusals === null || spend === null || !Number.isInteger(revision) || !Number.isInteger(refusals)) return null;
  const last = Array.isArray(raw.lastRefusals) ? raw.lastRefusals : [];
  const lastRefusals = last
    .filter((r): r is Record<string, unknown> => isRecord(r) && typeof r.at === "string" && !Number.isNaN(Date.parse(r.at)) && typeof r.tool === "string" && typeof r.reason === "string")
    .slice(0, 10)
    .map((r) => ({ at: new Date(Date.parse(String(r.at))).toISOString(), tool: printable(String(r.tool), 100), reason: printable(String(r.reason), 300) }));
  return { revision, refusals, spendTodayUsd: spend, lastRefusals };
}
