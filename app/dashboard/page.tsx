import type { Metadata } from "next";
import Link from "next/link";
import { AuditTable } from "@/components/audit/audit-table";
import { NoTeam, PageHeader } from "@/components/dashboard/page-header";
import { Button } from "@/components/ui/button";
import { Card, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { requirePageSession } from "@/lib/auth/page-session";
import { listAgents } from "@/lib/server/agents/list";
import { listAudit } from "@/lib/server/audit/list";
import { listFleets } from "@/lib/server/fleets/list";
import { getTeam } from "@/lib/server/teams/get";

export const metadata: Metadata = { title: "Overview" };
export const dynamic = "force-dynamic";

export default async function OverviewPage() {
  const { ctx } = await requirePageSession();
  if (!ctx) return <NoTeam />;
  const [team, fleets, agents, audit] = await Promise.all([
    getTeam(ctx),
    listFleets(ctx, { limit: 200 }),
    listAgents(ctx, { limit: 200 }),
    listAudit(ctx, { limit: 8 }),
  ]);
  const stats = [
    { label: "Fleets", value: fleets.fleets.length, href: "/dashboard/fleets" },
    { label: "Agents", value: agents.agents.length, href: "/dashboard/agents" },
    { label: "Members", value: team.memberCount, href: "/dashboard/settings/members" },
  ];
  return (
    <>
      <PageHeader title="Overview" description={`Everything in ${team.name}.`} />
      <ul className="mb-6 grid gap-4 sm:grid-cols-3">
        {stats.map((s) => (
          <li key={s.label}>
            <Link href={s.href} className="glass block rounded-2xl p-5 hover:bg-white/75 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-brand-500 dark:hover:bg-slate-900/70">
              <span className="text-sm text-slate-600 dark:text-slate-400">{s.label}</span>
              <span className="mt-1 block text-3xl font-semibold tabular-nums">{s.value}{s.value >= 200 ? "+" : ""}</span>
            </Link>
          </li>
        ))}
      </ul>
      {fleets.fleets.length === 0 ? (
        <Card className="mb-6">
          <EmptyState title="Create your first fleet" action={<Button asChild><Link href="/dashboard/fleets">Go to fleets</Link></Button>}>
            A fleet groups the OpenClaw hosts you run together, for example by environment or customer.
          </EmptyState>
        </Card>
      ) : null}
      <Card>
        <CardHeader>
          <CardTitle>Recent activity</CardTitle>
          <Link className="text-sm text-brand-600 hover:underline dark:text-brand-500" href="/dashboard/audit">Audit log</Link>
        </CardHeader>
        {audit.entries.length ? <AuditTable entries={audit.entries} /> : <EmptyState title="Nothing has happened yet" />}
      </Card>
    </>
  );
}
