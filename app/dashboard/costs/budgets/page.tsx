import type { Metadata } from "next";
import { BudgetDialog } from "@/components/budgets/budget-dialog";
import { BudgetProgress } from "@/components/budgets/budget-progress";
import { DeleteBudget } from "@/components/budgets/delete-budget";
import { CostsNav } from "@/components/costs/costs-nav";
import { NoTeam, PageHeader } from "@/components/dashboard/page-header";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { TBody, TD, TH, THead, TR, Table } from "@/components/ui/table";
import { requirePageSession } from "@/lib/auth/page-session";
import { can } from "@/lib/auth/roles";
import type { Budget } from "@/lib/schemas/budgets";
import { listAgents } from "@/lib/server/agents/list";
import { listChannels } from "@/lib/server/alerts/channel-admin";
import { listBudgets } from "@/lib/server/budgets/list";
import { listFleets } from "@/lib/server/fleets/list";

export const metadata: Metadata = { title: "Budgets" };
export const dynamic = "force-dynamic";

const scopeText = (b: Budget) => (b.scope.type === "team" ? "The whole team" : `${b.scope.type === "fleet" ? "Fleet" : "Agent"} ${b.scope.name ?? "(deleted)"}`);

export default async function BudgetsPage() {
  const { ctx } = await requirePageSession();
  if (!ctx) return <NoTeam />;
  const canManage = can(ctx.role, "budget:manage");
  const [budgets, channels, { fleets }, { agents }] = await Promise.all([
    listBudgets(ctx), listChannels(ctx), listFleets(ctx, { limit: 200 }), listAgents(ctx, { limit: 200, sort: "name" }),
  ]);
  const options = { channels, fleets, agents: agents.map((a) => ({ id: a.id, name: a.name })) };
  const channelName = new Map(channels.map((c) => [c.id, c.name]));
  return (
    <>
      <PageHeader
        title="Budgets"
        description="Monthly budgets for the team, a fleet or an agent, alerting through your channels as spend reaches each threshold and when the forecast says the month will end over."
        actions={canManage ? <BudgetDialog {...options} /> : null}
      />
      <CostsNav />
      <Card>
        {budgets.length ? (
          <Table aria-label="Budgets">
            <THead><tr><TH>Budget</TH><TH className="w-2/5">This month</TH><TH>Alerts at</TH><TH>Notifies</TH>{canManage ? <TH><span className="sr-only">Actions</span></TH> : null}</tr></THead>
            <TBody>
              {budgets.map((b) => (
                <TR key={b.id}>
                  <TD>
                    <div className="font-medium">{b.name}</div>
                    <div className="text-xs text-slate-600 dark:text-slate-400">{scopeText(b)}</div>
                  </TD>
                  <TD><BudgetProgress budget={b} /></TD>
                  <TD>
                    <div className="flex flex-wrap gap-1">
                      {b.thresholds.map((t) => <Badge key={t} tone={b.fired.includes(String(t)) ? "warning" : "neutral"}>{t} %{b.fired.includes(String(t)) ? " ✓" : ""}</Badge>)}
                      {b.forecastAlert ? <Badge tone={b.fired.includes("forecast") ? "warning" : "neutral"}>forecast{b.fired.includes("forecast") ? " ✓" : ""}</Badge> : null}
                    </div>
                  </TD>
                  <TD>{b.channelIds.map((id) => channelName.get(id)).filter(Boolean).join(", ") || "—"}</TD>
                  {canManage ? <TD><div className="flex justify-end gap-1"><BudgetDialog {...options} budget={b} /><DeleteBudget id={b.id} name={b.name} /></div></TD> : null}
                </TR>
              ))}
            </TBody>
          </Table>
        ) : (
          <EmptyState title="No budgets yet">
            A budget such as “$500 a month for the Production fleet, alert at 50, 80 and 100 %” warns your channels before the bill does.
            {canManage ? "" : " Maintainers and owners can create one."}
          </EmptyState>
        )}
      </Card>
    </>
  );
}
