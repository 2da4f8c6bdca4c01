import type { z } from "zod";
import type { TeamContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import type { CostExportQuery, CostMoney } from "@/lib/schemas/costs";
import { checkScope, rangeOf } from "./summary";
import { spendByDay, topAgents } from "./spend";

const MONEY_HEADERS = ["cost_usd", "reported_usd", "estimated_usd", "unpriced_calls", "input_tokens", "output_tokens", "calls"];
const money = (r: CostMoney) => [r.costUsd, r.reportedUsd, r.estimatedUsd, r.unpricedCalls, r.inputTokens, r.outputTokens, r.calls];

/** One CSV field: quoted when needed, and a leading =, +, - or @ defused so a spreadsheet shows text, not a formula. */
export function csvField(value: string | number | null): string {
  if (value === null) return "";
  if (typeof value === "number") return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const line = (fields: (string | number | null)[]) => `${fields.map(csvField).join(",")}\r\n`;

/** The costs page's figures as CSV: one line per day, provider, model and fleet, or per agent (all of them). */
export async function exportCosts(ctx: TeamContext, q: z.infer<typeof CostExportQuery>) {
  assertCan(ctx, "cost:read");
  const sql = await db();
  await checkScope(sql, ctx.team.id, q);
  const f = { ...q, ...rangeOf(q) };
  const filename = `costs-${f.from}-to-${f.to}-by-${q.by}.csv`;
  if (q.by === "agent") {
    const rows = await topAgents(sql, ctx.team.id, f, 100_000);
    return { filename, csv: line(["agent_id", "agent", "fleet_id", ...MONEY_HEADERS]) + rows.map((r) => line([r.agentId, r.name, r.fleetId, ...money(r)])).join("") };
  }
  const rows = await spendByDay(sql, ctx.team.id, f);
  const fleets = new Map((await sql<{ id: string; name: string }[]>`select id, name from fleets where team_id = ${ctx.team.id}`).map((r) => [r.id, r.name]));
  return {
    filename,
    csv: line(["day", "provider", "model", "fleet_id", "fleet", ...MONEY_HEADERS]) + rows.map((r) => line([r.day, r.provider, r.model, r.fleetId, fleets.get(r.fleetId) ?? null, ...money(r)])).join(""),
  };
}
