import { createHash } from "node:crypto";
import type { Tx } from "@/lib/db/client";
import { env } from "@/lib/env";
import type { AlertNotification } from "./channels/types";
import { plural } from "@/lib/format";

// Alerts raised within this long of each other go out as one notification (Grafana's group_wait).
export const GROUP_WAIT_S = 5;

type Pending = {
  id: string; team_id: string; rule_id: string; agent_id: string | null; agent_name: string | null; region: string | null; status: string | null;
  detail: string; group_key: string | null; rule_name: string; severity: AlertNotification["severity"]; channel_ids: string[]; squelched: boolean; is_trigger: boolean;
};

const baseUrl = () => env().APP_URL ?? `http://${env().HOSTNAME}:${env().PORT}`;
const dedupKey = (groupKey: string) => `ocf-${createHash("sha256").update(groupKey).digest("hex").slice(0, 32)}`;

function notification(action: "trigger" | "resolve", groupKey: string, items: Pending[], channelId: string): AlertNotification {
  const first = items[0];
  const n = items.length;
  const what = action === "trigger" ? (first?.detail.replace(/^Agent is /, "") ?? "alerting") : "recovered";
  // Budget alerts name no agent: their detail says what happened ("80 % of the $1,000.00 budget…").
  const agentless = first !== undefined && first.agent_id === null;
  const title = agentless
    ? `${first.rule_name}: ${action === "resolve" ? "recovered" : n === 1 ? first.detail : plural(n, "alert")}`
    : `${first?.rule_name ?? "Alert"}: ${n === 1 ? (first?.agent_name ?? "fleet") : plural(n, "agent")} ${what}`;
  return {
    idempotencyKey: `${groupKey}:${action}:${channelId}`,
    action,
    dedupKey: dedupKey(groupKey),
    severity: first?.severity ?? "critical",
    ruleName: first?.rule_name ?? "",
    title,
    summary: items.map((i) => (i.agent_id === null ? i.detail : `${i.agent_name ?? "fleet"} (${i.status ?? "?"})`)).slice(0, 20).join(agentless ? "; " : ", "),
    agents: items.filter((i) => i.agent_id !== null).map((i) => ({ id: i.agent_id ?? "", name: i.agent_name ?? "", status: i.status ?? "", region: i.region ?? "", detail: i.detail })),
    url: `${baseUrl()}/dashboard/alerts?group=${encodeURIComponent(groupKey)}`,
    at: new Date().toISOString(),
  };
}

async function enqueue(tx: Tx, action: "trigger" | "resolve", groupKey: string, items: Pending[]) {
  const rule = items[0];
  if (!rule) return 0;
  const rows = rule.channel_ids.map((channelId) => {
    const payload = notification(action, groupKey, items, channelId);
    return { team_id: rule.team_id, channel_id: channelId, rule_id: rule.rule_id, action, idempotency_key: payload.idempotencyKey, dedup_key: payload.dedupKey, payload: JSON.stringify(payload) };
  });
  if (rows.length === 0) return 0;
  const inserted = await tx`
    insert into notifications (team_id, channel_id, rule_id, action, idempotency_key, dedup_key, payload)
    select team_id, channel_id, rule_id, action, idempotency_key, dedup_key, payload::jsonb
    from jsonb_to_recordset(${JSON.stringify(rows)}::text::jsonb) as t(team_id uuid, channel_id uuid, rule_id uuid, action text, idempotency_key text, dedup_key text, payload text)
    where exists (select 1 from alert_channels c where c.id = t.channel_id)
    on conflict (idempotency_key) do nothing`;
  return inserted.count;
}

/**
 * The outbox's second half: alerts waiting for a notice become notification rows, one per channel
 * and per group of alerts of the same rule raised together. Squelched agents (notified for this
 * rule within its squelch window) are left out; a group's resolve goes out once all of it recovered.
 */
export async function queueNotifications(tx: Tx): Promise<{ triggers: number; resolves: number; squelched: number }> {
  const pending = await tx<Pending[]>`
    select al.id, al.team_id, al.rule_id, al.agent_id, a.name as agent_name, a.region, a.status::text as status, al.detail, al.group_key,
      r.name as rule_name, r.severity, r.channel_ids, al.trigger_pending and exists (
        select 1 from alerts p where p.rule_id = al.rule_id and p.agent_id is not distinct from al.agent_id and p.id <> al.id
          and p.notified_at > now() - make_interval(mins => r.squelch_minutes)) as squelched,
      al.trigger_pending as is_trigger
    from alerts al join alert_rules r on r.id = al.rule_id left join agents a on a.id = al.agent_id
    where (al.trigger_pending and al.opened_at <= now() - make_interval(secs => ${GROUP_WAIT_S})) or al.resolve_pending
    order by al.opened_at, al.id
    for update of al skip locked`;
  const result = { triggers: 0, resolves: 0, squelched: 0 };
  const triggers = new Map<string, Pending[]>();
  const resolves = new Map<string, Pending[]>();
  for (const p of pending) {
    if (p.is_trigger) {
      if (p.squelched) result.squelched++;
      else triggers.set(p.rule_id, [...(triggers.get(p.rule_id) ?? []), p]);
    } else if (p.group_key) resolves.set(p.group_key, [...(resolves.get(p.group_key) ?? []), p]);
  }
  for (const items of triggers.values()) {
    const groupKey = `${items[0]?.rule_id}:${items[0]?.id}`;
    await tx`update alerts set group_key = ${groupKey}, notified_at = now() where id = any(${items.map((i) => i.id)}::uuid[])`;
    result.triggers += await enqueue(tx, "trigger", groupKey, items);
  }
  for (const [groupKey, items] of resolves) {
    const [open] = await tx<{ n: number }[]>`select count(*)::int as n from alerts where group_key = ${groupKey} and state <> 'resolved'`;
    if (open?.n) continue; // the incident is not over: resolve it when the last one recovers
    const all = await tx<{ id: string }[]>`update alerts set resolve_pending = false where group_key = ${groupKey} and resolve_pending returning id`;
    if (all.length) result.resolves += await enqueue(tx, "resolve", groupKey, items);
  }
  // Triggers squelched or without a group, and resolves of never-notified alerts, need nothing more.
  await tx`update alerts set trigger_pending = false where id = any(${pending.filter((p) => p.is_trigger).map((p) => p.id)}::uuid[])`;
  await tx`update alerts set resolve_pending = false where id = any(${pending.filter((p) => !p.is_trigger && !p.group_key).map((p) => p.id)}::uuid[])`;
  return result;
}
