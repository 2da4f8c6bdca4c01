import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { NoTeam, PageHeader } from "@/components/dashboard/page-header";
import { ConvergencePanel } from "@/components/policies/convergence-panel";
import { PolicyEditor } from "@/components/policies/policy-editor";
import { PolicyHistory } from "@/components/policies/policy-history";
import { LEVEL_LABELS } from "@/components/policies/policy-format";
import { AppError } from "@/lib/api/errors";
import { requirePageSession } from "@/lib/auth/page-session";
import { can } from "@/lib/auth/roles";
import { PolicyDocument } from "@/lib/schemas/policy-document";
import { policyConvergence } from "@/lib/server/policies/convergence";
import { getPolicy } from "@/lib/server/policies/get";

export const metadata: Metadata = { title: "Policy" };
export const dynamic = "force-dynamic";

const JSON_SCHEMA = JSON.stringify(z.toJSONSchema(PolicyDocument, { io: "input" }), null, 2);

export default async function PolicyPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { ctx } = await requirePageSession();
  if (!ctx) return <NoTeam />;
  const [{ policy, revisions }, convergence] = await Promise.all([getPolicy(ctx, id), policyConvergence(ctx, id)]).catch((e: unknown) => {
    if (e instanceof AppError && e.code === "not_found") notFound();
    throw e;
  });
  const name = policy.scope === "team" ? "the whole team" : (policy.targetName ?? `a deleted ${policy.scope}`);
  const targetHref = policy.scope === "fleet" ? `/dashboard/fleets/${policy.targetId}` : policy.scope === "agent" ? `/dashboard/agents/${policy.targetId}` : null;
  return (
    <>
      <p className="mb-2 text-sm"><Link href="/dashboard/policies" className="text-brand-600 hover:underline dark:text-brand-500">Policies</Link> /</p>
      <PageHeader
        title={`${LEVEL_LABELS[policy.scope]} policy: ${name}`}
        description={
          <>
            Per field, agent over fleet over team; lists replace the list above them, cost caps merge per tool.{" "}
            {targetHref && policy.targetName ? <Link className="text-brand-600 hover:underline dark:text-brand-500" href={targetHref}>Open {policy.targetName}</Link> : null}
          </>
        }
      />
      <PolicyEditor key={policy.currentRevision} policy={policy} canEdit={can(ctx.role, "policy:write")} jsonSchema={JSON_SCHEMA} />
      <ConvergencePanel key={`c${policy.currentRevision}`} policyId={policy.id} initial={convergence} />
      <PolicyHistory key={`h${policy.currentRevision}`} policyId={policy.id} revisions={revisions} />
    </>
  );
}
