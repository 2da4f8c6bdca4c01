import type { Metadata } from "next";
import { Plus } from "lucide-react";
import { NoTeam, PageHeader } from "@/components/dashboard/page-header";
import { RelativeTime } from "@/components/dashboard/relative-time";
import { DeleteSecretButton } from "@/components/secrets/delete-secret-button";
import { SecretDialog } from "@/components/secrets/secret-dialog";
import { SecretsConvergencePanel } from "@/components/secrets/secrets-convergence-panel";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { TBody, TD, TH, THead, TR, Table } from "@/components/ui/table";
import { requirePageSession } from "@/lib/auth/page-session";
import { can } from "@/lib/auth/roles";
import type { Secret } from "@/lib/schemas/secrets";
import { listFleets } from "@/lib/server/fleets/list";
import { secretsConvergence } from "@/lib/server/secrets/convergence";
import { listSecrets } from "@/lib/server/secrets/list";

export const metadata: Metadata = { title: "Secrets" };
export const dynamic = "force-dynamic";

const LEVEL = { team: "Team", fleet: "Fleet", agent: "Agent" } as const;
const appliesTo = (s: Secret) => (s.scope === "team" ? "The whole team" : (s.targetName ?? `Deleted ${s.scope}`));

export default async function SecretsPage() {
  const { ctx } = await requirePageSession();
  if (!ctx) return <NoTeam />;
  const canEdit = can(ctx.role, "secret:write");
  const [{ secrets }, { fleets }, convergence] = await Promise.all([listSecrets(ctx), listFleets(ctx, { limit: 200 }), secretsConvergence(ctx)]);
  const agents = [...convergence.agents].map((a) => ({ id: a.id, name: a.name })).sort((a, b) => a.name.localeCompare(b.name));
  const add = canEdit ? <SecretDialog mode={{ kind: "create", fleets, agents }} trigger={<Button><Plus aria-hidden /> Add secret</Button>} /> : null;
  return (
    <>
      <PageHeader
        title="Secrets"
        description="Model provider keys and environment values for your gateways, encrypted here and sealed to each agent's own key on the way. Values are write-only; per name, an agent's own secret wins over its fleet's, and the fleet's over the team's. On the gateway, refer to one as {source: &quot;file&quot;, provider: &quot;clawfleet&quot;, id: &quot;/NAME&quot;}."
        actions={add}
      />
      <Card>
        {secrets.length ? (
          <Table aria-label="Secrets">
            <THead><tr><TH>Name</TH><TH>Level</TH><TH>Applies to</TH><TH>Value</TH><TH>Description</TH><TH>Version</TH><TH>Updated</TH>{canEdit ? <TH><span className="sr-only">Actions</span></TH> : null}</tr></THead>
            <TBody>
              {secrets.map((s) => (
                <TR key={s.id}>
                  <TD className="font-mono font-medium">{s.name}</TD>
                  <TD>{LEVEL[s.scope]}</TD>
                  <TD>{appliesTo(s)}</TD>
                  <TD className="whitespace-nowrap font-mono" aria-label={`${s.name} value, masked`}>{s.mask}</TD>
                  <TD className="max-w-xs whitespace-pre-wrap break-words">{s.description || "—"}</TD>
                  <TD className="tabular-nums">{s.version}</TD>
                  <TD className="whitespace-nowrap"><RelativeTime iso={s.updatedAt} />{s.updatedBy ? <span className="block text-xs text-slate-600 dark:text-slate-400">{s.updatedBy}</span> : null}</TD>
                  {canEdit ? (
                    <TD className="whitespace-nowrap">
                      <div className="flex gap-2">
                        <SecretDialog mode={{ kind: "rotate", secret: s }} trigger={<Button size="sm" variant="secondary" aria-label={`Rotate ${s.name}`}>Rotate</Button>} />
                        <DeleteSecretButton id={s.id} name={s.name} />
                      </div>
                    </TD>
                  ) : null}
                </TR>
              ))}
            </TBody>
          </Table>
        ) : (
          <EmptyState title="No secrets yet" action={add ?? undefined}>
            Store a provider key such as OPENAI_API_KEY once, and every agent in scope receives it with its next heartbeat.
            {canEdit ? "" : " Maintainers and owners can add one."}
          </EmptyState>
        )}
      </Card>
      {/* A new key after a change here (router.refresh) starts the panel from the fresh figures. */}
      <SecretsConvergencePanel key={`${secrets.length}:${Math.max(0, ...secrets.map((s) => s.version))}`} initial={convergence} />
    </>
  );
}
