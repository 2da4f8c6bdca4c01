import type { Metadata } from "next";
import Link from "next/link";
import { AuditTable } from "@/components/audit/audit-table";
import { NoTeam, PageHeader } from "@/components/dashboard/page-header";
import { OverviewLive } from "@/components/overview/overview-live";
import { Button } from "@/components/ui/button";
import { Card, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { requirePageSession } from "@/lib/auth/page-session";
import { listAudit } from "@/lib/server/audit/list";
import { listFleets } from "@/lib/server/fleets/list";
import { getOverview } from "@/lib/server/overview/get";
import { getTeam } from "@/lib/server/teams/get";
import { plural } from "@/lib/format";

export const metadata: Metadata = { title: "Overview" };
export const dynamic = "force-dynamic";

export default async function OverviewPage() {
  const { ctx } = await requirePageSession();
  if (!ctx) return <NoTeam />;
  const [team, fleets, overview, audit] = await Promise.all([getTeam(ctx), listFleets(ctx, { limit: 1 }), getOverview(ctx, {}), listAudit(ctx, { limit: 6 })]);
  return (
    <>
      <PageHeader title="Overview" description={`${plural(overview.total, "agent")} in ${team.name}, live.`} />
      {fleets.fleets.length === 0 ? (
        <Card className="mb-6">
          <EmptyState title="Create your first fleet" action={<Button asChild><Link href="/dashboard/fleets">Go to fleets</Link></Button>}>
            A fleet groups the OpenClaw hosts you run together, for example by environment or customer.
          </EmptyState>
        </Card>
      ) : null}
      <OverviewLive initial={overview} />
      <Card className="mt-6">
        <CardHeader>
          <CardTitle>Recent activity</CardTitle>
          <Link className="text-sm text-brand-600 hover:underline dark:text-brand-500" href="/dashboard/audit">Audit log</Link>
        </CardHeader>
        {audit.entries.length ? <AuditTable entries={audit.entries} /> : <EmptyState title="Nothing has happened yet" />}
      </Card>
    </>
  );
}
