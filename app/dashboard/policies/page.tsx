import type { Metadata } from "next";
import Link from "next/link";
import { NoTeam, PageHeader } from "@/components/dashboard/page-header";
import { RelativeTime } from "@/components/dashboard/relative-time";
import { CreatePolicyButton } from "@/components/policies/create-policy-button";
import { LEVEL_LABELS, fieldLabel } from "@/components/policies/policy-format";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { TBody, TD, TH, THead, TR, Table } from "@/components/ui/table";
import { requirePageSession } from "@/lib/auth/page-session";
import { can } from "@/lib/auth/roles";
import { flattenPolicy } from "@/lib/policies/merge";
import type { Policy } from "@/lib/schemas/policies";
import { listFleets } from "@/lib/server/fleets/list";
import { listPolicies } from "@/lib/server/policies/list";

export const metadata: Metadata = { title: "Policies" };
export const dynamic = "force-dynamic";

const fieldsSet = (p: Policy) => [...flattenPolicy(p.document).keys()].map(fieldLabel).join(", ") || "nothing";

function PolicyRow({ policy, name }: { policy: Policy; name: string }) {
  return (
    <TR>
      <TD>{LEVEL_LABELS[policy.scope]}</TD>
      <TD><Link className="font-medium text-brand-600 hover:underline dark:text-brand-500" href={`/dashboard/policies/${policy.id}`}>{name}</Link></TD>
      <TD className="tabular-nums">{policy.currentRevision || "none"}</TD>
      <TD className="max-w-md">{fieldsSet(policy)}</TD>
      <TD className="whitespace-nowrap"><RelativeTime iso={policy.updatedAt} /></TD>
    </TR>
  );
}

export default async function PoliciesPage() {
  const { ctx } = await requirePageSession();
  if (!ctx) return <NoTeam />;
  const canEdit = can(ctx.role, "policy:write");
  const [{ policies }, { fleets }] = await Promise.all([listPolicies(ctx), listFleets(ctx, { limit: 200 })]);
  const team = policies.find((p) => p.scope === "team");
  const byTarget = new Map(policies.map((p) => [p.targetId, p]));
  const fleetsWithout = fleets.filter((f) => !byTarget.has(f.id));
  const rows = policies.filter((p) => p.scope !== "team");
  return (
    <>
      <PageHeader
        title="Policies"
        description="What every agent's gateway may do: models, tools, exec and sandbox modes, cost caps. Set at team, fleet or agent level; per field, the agent's level wins over its fleet's, and the fleet's over the team's."
        actions={canEdit && !team ? <CreatePolicyButton scope="team" label="Create team policy" variant="primary" /> : null}
      />
      <Card>
        {policies.length ? (
          <Table aria-label="Policies">
            <THead><tr><TH>Level</TH><TH>Applies to</TH><TH>Revision</TH><TH>Sets</TH><TH>Updated</TH></tr></THead>
            <TBody>
              {team ? <PolicyRow policy={team} name="The whole team" /> : null}
              {rows.map((p) => <PolicyRow key={p.id} policy={p} name={p.targetName ?? `Deleted ${p.scope}`} />)}
            </TBody>
          </Table>
        ) : (
          <EmptyState title="No policies yet" action={canEdit ? <CreatePolicyButton scope="team" label="Create team policy" variant="primary" /> : undefined}>
            A team policy such as “only anthropic/* models, exec asks first, at most $20 a day per agent” reaches every agent with its next heartbeat.
            {canEdit ? "" : " Maintainers and owners can create one."}
          </EmptyState>
        )}
      </Card>
      {canEdit && fleetsWithout.length ? (
        <Card className="mt-6">
          <CardHeader>
            <div>
              <CardTitle>Fleets without a policy of their own</CardTitle>
              <CardDescription>They follow the team policy. Agent overrides are created from each agent&apos;s page.</CardDescription>
            </div>
          </CardHeader>
          <ul className="grid gap-2">
            {fleetsWithout.map((f) => (
              <li key={f.id} className="flex items-center justify-between gap-3">
                <span>{f.name}</span>
                <CreatePolicyButton scope="fleet" targetId={f.id} label={`Create policy for ${f.name}`} />
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
    </>
  );
}
