import type { Metadata } from "next";
import Link from "next/link";
import { NoTeam, PageHeader } from "@/components/dashboard/page-header";
import { RelativeTime } from "@/components/dashboard/relative-time";
import { NewRotationForm } from "@/components/rotations/new-rotation-form";
import { Badge } from "@/components/ui/badge";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { TBody, TD, TH, THead, TR, Table } from "@/components/ui/table";
import { requirePageSession } from "@/lib/auth/page-session";
import { can } from "@/lib/auth/roles";
import { listFleets } from "@/lib/server/fleets/list";
import { listRotations } from "@/lib/server/rotations/list";

export const metadata: Metadata = { title: "Model rotations" };
export const dynamic = "force-dynamic";

export default async function RotationsPage() {
  const { ctx } = await requirePageSession();
  if (!ctx) return <NoTeam />;
  const canRotate = can(ctx.role, "model:rotate");
  const [{ rotations }, { fleets }] = await Promise.all([listRotations(ctx, { limit: 50 }), listFleets(ctx, { limit: 200 })]);
  const teamAgents = fleets.reduce((n, f) => n + f.agentCount, 0);
  return (
    <>
      <p className="mb-2 text-sm"><Link href="/dashboard/policies" className="text-brand-600 hover:underline dark:text-brand-500">Policies</Link> /</p>
      <PageHeader
        title="Model rotations"
        description="The kill switch: move a team, fleet, tag or selection to a backup model at once. The policies deciding their model get the backup as primary and each agent clears sessions pinned to another model, so running conversations switch too."
      />
      {canRotate ? (
        <Card className="mb-6">
          <CardHeader>
            <div>
              <CardTitle>Rotate to backup model</CardTitle>
              <CardDescription>Choose the scope; the confirmation names it and how many agents switch. For a selection, tick agents in the Agents list.</CardDescription>
            </div>
          </CardHeader>
          <NewRotationForm fleets={fleets.map((f) => ({ id: f.id, name: f.name, agentCount: f.agentCount }))} teamAgents={teamAgents} />
        </Card>
      ) : null}
      <Card>
        {rotations.length ? (
          <Table aria-label="Model rotations">
            <THead><tr><TH>Backup model</TH><TH>Scope</TH><TH>Confirmed</TH><TH>Failed</TH><TH>Started</TH><TH>State</TH></tr></THead>
            <TBody>
              {rotations.map((r) => (
                <TR key={r.id}>
                  <TD><Link className="font-medium text-brand-600 hover:underline dark:text-brand-500" href={`/dashboard/rotations/${r.id}`}>{r.backup}</Link></TD>
                  <TD>{r.scopeLabel}</TD>
                  <TD className="tabular-nums">{r.counts.confirmed} of {r.counts.total}</TD>
                  <TD className="tabular-nums">{r.counts.failed}</TD>
                  <TD className="whitespace-nowrap"><RelativeTime iso={r.createdAt} />{r.createdBy ? ` by ${r.createdBy}` : ""}</TD>
                  <TD>{r.revertedAt ? <Badge tone="warning">reverted</Badge> : <Badge tone="brand">in force</Badge>}</TD>
                </TR>
              ))}
            </TBody>
          </Table>
        ) : (
          <EmptyState title="No rotations yet">
            When a model provider fails or a model misbehaves, rotate to a backup here, from a fleet&apos;s page or from the agents you tick in the Agents list.
            {canRotate ? "" : " Maintainers and owners can rotate."}
          </EmptyState>
        )}
      </Card>
    </>
  );
}
