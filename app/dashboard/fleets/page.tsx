import type { Metadata } from "next";
import Link from "next/link";
import { RelativeTime } from "@/components/dashboard/relative-time";
import { NoTeam, PageHeader } from "@/components/dashboard/page-header";
import { FleetActions } from "@/components/fleets/fleet-actions";
import { NewFleetDialog } from "@/components/fleets/new-fleet-dialog";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { TBody, TD, TH, THead, TR, Table } from "@/components/ui/table";
import { requirePageSession } from "@/lib/auth/page-session";
import { can } from "@/lib/auth/roles";
import { listFleets } from "@/lib/server/fleets/list";

export const metadata: Metadata = { title: "Fleets" };
export const dynamic = "force-dynamic";

export default async function FleetsPage() {
  const { ctx } = await requirePageSession();
  if (!ctx) return <NoTeam />;
  const { fleets } = await listFleets(ctx, { limit: 200 });
  const canWrite = can(ctx.role, "fleet:write");
  return (
    <>
      <PageHeader title="Fleets" description="Groups of OpenClaw hosts you run together." actions={canWrite ? <NewFleetDialog /> : null} />
      <Card>
        {fleets.length === 0 ? (
          <EmptyState title="No fleets yet">
            {canWrite ? "Create a fleet with “New fleet”, then add agents to it and pair your hosts." : "A maintainer or owner of this team can create fleets."}
          </EmptyState>
        ) : (
          <Table aria-label="Fleets">
            <THead>
              <tr>
                <TH>Name</TH>
                <TH>Description</TH>
                <TH className="text-right">Agents</TH>
                <TH>Created</TH>
                {canWrite ? <TH><span className="sr-only">Actions</span></TH> : null}
              </tr>
            </THead>
            <TBody>
              {fleets.map((f) => (
                <TR key={f.id}>
                  <TD className="font-medium">
                    <Link href={`/dashboard/fleets/${f.id}`} className="hover:underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-brand-500">{f.name}</Link>
                  </TD>
                  <TD className="max-w-sm truncate text-slate-600 dark:text-slate-400">{f.description || "—"}</TD>
                  <TD className="text-right tabular-nums">{f.agentCount}</TD>
                  <TD className="whitespace-nowrap text-slate-600 dark:text-slate-400"><RelativeTime iso={f.createdAt} /></TD>
                  {canWrite ? <TD className="text-right"><FleetActions fleet={f} /></TD> : null}
                </TR>
              ))}
            </TBody>
          </Table>
        )}
      </Card>
    </>
  );
}
