import type { Tx } from "@/lib/db/client";
import { usd } from "@/lib/format";
import { publishAlertChanges } from "../alerts/evaluate";
import { budgetSpend, forecastOf, monthWindow } from "./month";

type Row = { id: string; team_id: string; rule_id: string; scope_id: string | null; amount_usd: string; thresholds: number[]; forecast_alert: boolean };
type Mark = { rule_id: string; team_id: string; scope_id: string | null; mark: string; detail: string; open: boolean };

/** What holds for a budget now: each threshold reached, and the forecast over the amount (opened only while under it). */
export function budgetMarks(r: Row, month: string, spent: number, forecast: number): Mark[] {
  const amount = Number(r.amount_usd);
  const base = { rule_id: r.rule_id, team_id: r.team_id, scope_id: r.scope_id };
  const marks: Mark[] = r.thresholds
    .filter((t) => spent >= (amount * t) / 100)
    .map((t) => ({ ...base, mark: `${month}:${t}`, open: true, detail: `${t} % of the ${usd(amount)} monthly budget reached: ${usd(spent)} spent in ${month}` }));
  if (r.forecast_alert && forecast > amount) {
    marks.push({ ...base, mark: `${month}:forecast`, open: spent < amount, detail: `Forecast ${usd(forecast)} for ${month} is over the ${usd(amount)} monthly budget (${usd(spent)} spent so far)` });
  }
  return marks;
}

/**
 * Budgets against this month's spend (from the rollups), through the alert machinery: each mark
 * that starts to hold opens an alert of the budget's rule, once a month (alerts_mark_once_idx), so
 * channels, silences, squelch, grouping, ack and resolve all apply; an alert whose mark no longer
 * holds (a new month, a raised amount, a forecast back under) resolves. Run every minute by the
 * scheduler: a month's spend moves slowly, and the heartbeat statement stays as it is.
 */
export async function evaluateBudgets(tx: Tx, { now = new Date(), teamId = null as string | null } = {}) {
  const w = monthWindow(now);
  const rows = await tx<Row[]>`
    select b.id, b.team_id, b.rule_id, b.scope_id, b.amount_usd, b.thresholds, b.forecast_alert
    from budgets b join alert_rules r on r.id = b.rule_id and r.enabled
    where ${teamId}::uuid is null or b.team_id = ${teamId}::uuid`;
  if (rows.length === 0) return { budgets: 0, opened: 0, resolved: 0 };
  const spend = new Map((await budgetSpend(tx, w, teamId)).map((s) => [s.id, s]));
  const holding = rows.flatMap((r) => {
    const s = spend.get(r.id);
    const f = forecastOf(w, s?.spent ?? 0, s?.last_week ?? 0);
    return budgetMarks(r, w.month, f.spentUsd, f.forecastUsd);
  });
  const touched = await tx<{ id: string; team_id: string; state: string }[]>`
    with holding as (
      select * from jsonb_to_recordset(${JSON.stringify(holding)}::text::jsonb)
        as t(rule_id uuid, team_id uuid, scope_id uuid, mark text, detail text, open boolean)
    ),
    opened as (
      insert into alerts (team_id, rule_id, detail, mark, silenced, trigger_pending)
      select h.team_id, h.rule_id, h.detail, h.mark, s.on, not s.on
      from holding h cross join lateral (
        select exists (select 1 from silences si where si.team_id = h.team_id and si.scope_id = h.scope_id and now() >= si.starts_at and now() < si.ends_at) as on
      ) s
      where h.open
      on conflict (rule_id, mark) where mark <> '' do nothing
      returning id, team_id, state
    ),
    resolved as (
      update alerts al set state = 'resolved', resolved_at = now(), resolve_pending = al.notified_at is not null, trigger_pending = false
      where al.rule_id = any(${rows.map((r) => r.rule_id)}::uuid[]) and al.state <> 'resolved' and al.mark <> ''
        and not exists (select 1 from holding h where h.rule_id = al.rule_id and h.mark = al.mark)
      returning al.id, al.team_id, al.state
    )
    select * from opened union all select * from resolved`;
  await publishAlertChanges(tx, touched);
  return { budgets: rows.length, opened: touched.filter((t) => t.state !== "resolved").length, resolved: touched.filter((t) => t.state === "resolved").length };
}
