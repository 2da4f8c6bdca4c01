import type { TeamContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/roles";
import { db, type Sql, type Tx } from "@/lib/db/client";
import type { Advice } from "@/lib/schemas/advice";
import { ModelRef } from "@/lib/schemas/commands";
import { adviceCandidates, WINDOW_DAYS, type CandidateRow } from "./candidates";

const DAY_MS = 86_400_000;
// Worth a card: at least this much a month and this share of the current spend.
const MIN_SAVING_USD = 1;
const MIN_SAVING_PCT = 5;
const SHOWN_PER_MODEL = 2;

const cents = (n: number) => Math.round(n * 100) / 100;
const prices = (p: CandidateRow["to_price"]) => ({
  inputPerMtok: Number(p.input_per_mtok), outputPerMtok: Number(p.output_per_mtok), cacheReadPerMtok: Number(p.cache_read_per_mtok), cacheWritePerMtok: Number(p.cache_write_per_mtok),
});
type Prices = ReturnType<typeof prices>;
type Mix = Advice["mix"];
const costOf = (m: Mix, p: Prices) =>
  (m.inputTokens * p.inputPerMtok + m.outputTokens * p.outputPerMtok + m.cacheReadTokens * p.cacheReadPerMtok + m.cacheWriteTokens * p.cacheWritePerMtok) / 1e6;

/** One candidate priced on the agent's own mix: the window's cost at both prices, as a 30-day month. */
export function priceAdvice(r: CandidateRow, now: Date): Advice {
  const days = Math.min(WINDOW_DAYS, Math.max(1, Math.floor((Date.parse(now.toISOString().slice(0, 10)) - Date.parse(r.first_day)) / DAY_MS) + 1));
  const mix: Mix = { inputTokens: r.input_tokens, outputTokens: r.output_tokens, cacheReadTokens: r.cache_read_tokens, cacheWriteTokens: r.cache_write_tokens, days };
  const fromPrice = prices(r.from_price);
  const toPrice = prices(r.to_price);
  const perMonth = 30 / days;
  const current = costOf(mix, fromPrice) * perMonth;
  const proposed = costOf(mix, toPrice) * perMonth;
  return {
    agentId: r.agent_id, agentName: r.agent_name, fleetId: r.fleet_id, fromModel: `${r.provider}/${r.model}`, fromName: r.from_name,
    toModel: `${r.to_provider}/${r.to_model}`, toName: r.to_name, tier: r.tier, mix, fromPrice, toPrice,
    currentMonthlyUsd: cents(current), proposedMonthlyUsd: cents(proposed), savingMonthlyUsd: cents(current - proposed),
    savingPct: current > 0 ? Math.round(((current - proposed) / current) * 100) : 0,
  };
}

/** The advice worth showing, best saving first, at most two per agent and model, without what is dismissed. */
export async function computeAdvice(sql: Sql | Tx, teamId: string, now: Date, agentId?: string): Promise<Advice[]> {
  const [rows, dismissed] = await Promise.all([
    adviceCandidates(sql, teamId, now, agentId),
    sql<{ agent_id: string; from_model: string; to_model: string }[]>`
      select agent_id, from_model, to_model from advice_dismissals where team_id = ${teamId} and until > ${now}`,
  ]);
  const hidden = new Set(dismissed.map((d) => `${d.agent_id}|${d.from_model}|${d.to_model}`));
  const all = rows
    .map((r) => priceAdvice(r, now))
    .filter((a) => a.savingMonthlyUsd >= MIN_SAVING_USD && a.savingPct >= MIN_SAVING_PCT && ModelRef.safeParse(a.toModel).success)
    .filter((a) => !hidden.has(`${a.agentId}|${a.fromModel}|${a.toModel}`))
    .sort((a, b) => b.savingMonthlyUsd - a.savingMonthlyUsd || a.toModel.localeCompare(b.toModel));
  const shown = new Map<string, number>();
  return all.filter((a) => {
    const key = `${a.agentId}|${a.fromModel}`;
    const n = shown.get(key) ?? 0;
    shown.set(key, n + 1);
    return n < SHOWN_PER_MODEL;
  });
}

export async function listAdvice(ctx: TeamContext, now = new Date()): Promise<Advice[]> {
  assertCan(ctx, "cost:read");
  return computeAdvice(await db(), ctx.team.id, now);
}
