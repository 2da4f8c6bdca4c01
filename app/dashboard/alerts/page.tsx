import type { Metadata } from "next";
import { AlertTable } from "@/components/alerts/alert-table";
import { AlertsNav } from "@/components/alerts/alerts-nav";
import { NoTeam, PageHeader } from "@/components/dashboard/page-header";
import { Card, CardHeader, CardTitle } from "@/components/ui/card";
import { requirePageSession } from "@/lib/auth/page-session";
import { can } from "@/lib/auth/roles";
import { listAlerts } from "@/lib/server/alerts/alerts";

export const metadata: Metadata = { title: "Alerts" };
export const dynamic = "force-dynamic";

export default async function AlertsPage() {
  const { ctx } = await requirePageSession();
  if (!ctx) return <NoTeam />;
  const [active, recent] = await Promise.all([listAlerts(ctx, { state: "active", limit: 100 }), listAlerts(ctx, { state: "resolved", limit: 50 })]);
  const canRespond = can(ctx.role, "alert:respond");
  return (
    <>
      <PageHeader title="Alerts" description="What fired, who is on it, and what recovered. Updates as it happens." />
      <AlertsNav />
      <div className="grid gap-6">
        <Card>
          <CardHeader><CardTitle>Open and acknowledged ({active.length})</CardTitle></CardHeader>
          <AlertTable alerts={active} canRespond={canRespond} />
        </Card>
        <Card>
          <CardHeader><CardTitle>Recently resolved</CardTitle></CardHeader>
          <AlertTable alerts={recent} canRespond={false} />
        </Card>
      </div>
    </>
  );
}
