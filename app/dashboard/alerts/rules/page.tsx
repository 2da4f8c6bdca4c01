import type { Metadata } from "next";
import { AlertsNav } from "@/components/alerts/alerts-nav";
import { KIND_LABELS, NewRuleDialog } from "@/components/alerts/new-rule-dialog";
import { RuleActions } from "@/components/alerts/rule-actions";
import { NoTeam, PageHeader } from "@/components/dashboard/page-header";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { TBody, TD, TH, THead, TR, Table } from "@/components/ui/table";
import { requirePageSession } from "@/lib/auth/page-session";
import { can } from "@/lib/auth/roles";
import type { Rule } from "@/lib/schemas/alerts";
import { listChannels } from "@/lib/server/alerts/channel-admin";
import { listRules } from "@/lib/server/alerts/rules";
import { listFleets } from "@/lib/server/fleets/list";

export const metadata: Metadata = { title: "Alert rules" };
export const dynamic = "force-dynamic";

/** "CPU above 80 % for 5 min", "queue_length above 100 for 5 min". */
function ruleCondition(r: Rule): string {
  const what = r.kind === "custom" ? `${r.metric ?? "?"} above` : (KIND_LABELS[r.kind]?.label ?? r.kind);
  const unit = KIND_LABELS[r.kind]?.unit ?? "";
  return `${what}${r.threshold !== null ? ` ${r.threshold}${unit ? ` ${unit}` : ""}` : ""}${r.forMinutes ? ` for ${r.forMinutes} min` : ""}`;
}

export default async function RulesPage() {
  const { ctx } = await requirePageSession();
  if (!ctx) return <NoTeam />;
  const [rules, channels, { fleets }] = await Promise.all([listRules(ctx), listChannels(ctx), listFleets(ctx, { limit: 200 })]);
  const canManage = can(ctx.role, "alert:manage");
  const channelName = new Map(channels.map((c) => [c.id, c.name]));
  const fleetName = new Map(fleets.map((f) => [f.id, f.name]));
  return (
    <>
      <PageHeader title="Alert rules" description="When to alert, for which agents, and whom to tell." actions={canManage ? <NewRuleDialog channels={channels} fleets={fleets} /> : null} />
      <AlertsNav />
      <Card>
        {rules.length ? (
          <Table aria-label="Alert rules">
            <THead><tr><TH>Rule</TH><TH>When</TH><TH>Applies to</TH><TH>Notifies</TH><TH>At most</TH>{canManage ? <TH><span className="sr-only">Actions</span></TH> : null}</tr></THead>
            <TBody>
              {rules.map((r) => (
                <TR key={r.id}>
                  <TD className="font-medium">{r.name} {r.enabled ? null : <Badge>disabled</Badge>} <Badge tone={r.severity === "critical" ? "danger" : r.severity === "warning" ? "warning" : "neutral"}>{r.severity}</Badge></TD>
                  <TD>{ruleCondition(r)}</TD>
                  <TD>{r.scope.type === "team" ? "every agent" : r.scope.type === "fleet" ? `fleet ${fleetName.get(r.scope.value) ?? "?"}` : `${r.scope.type} ${r.scope.value}`}</TD>
                  <TD>{r.channelIds.map((id) => channelName.get(id)).filter(Boolean).join(", ") || "—"}</TD>
                  <TD>{r.squelchMinutes ? `once per ${r.squelchMinutes} min` : "every time"}</TD>
                  {canManage ? <TD><div className="flex justify-end gap-1"><NewRuleDialog channels={channels} fleets={fleets} rule={r} /><RuleActions id={r.id} name={r.name} enabled={r.enabled} /></div></TD> : null}
                </TR>
              ))}
            </TBody>
          </Table>
        ) : (
          <EmptyState title="No rules yet">A rule such as “Agent offline, every agent, to #ops” is a good start. Add a channel first to be notified.</EmptyState>
        )}
      </Card>
    </>
  );
}
