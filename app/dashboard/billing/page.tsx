import type { Metadata } from "next";
import { ManageBillingButton, UpgradeButton } from "@/components/billing/billing-actions";
import { InvoicesTable } from "@/components/billing/invoices-table";
import { UsageList } from "@/components/billing/usage-list";
import { NoTeam, PageHeader } from "@/components/dashboard/page-header";
import { Badge } from "@/components/ui/badge";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PLANS } from "@/lib/billing/plans";
import { requirePageSession } from "@/lib/auth/page-session";
import type { Billing } from "@/lib/schemas/billing";
import { getBilling } from "@/lib/server/billing/get";

export const metadata: Metadata = { title: "Billing" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const STATUS: Record<string, { label: string; tone: "success" | "brand" | "warning" | "neutral" }> = {
  active: { label: "Active", tone: "success" },
  trialing: { label: "Trial", tone: "brand" },
  past_due: { label: "Payment past due", tone: "warning" },
  canceled: { label: "Cancelled", tone: "neutral" },
};

function PlanSummary({ billing }: { billing: Billing }) {
  const status = billing.status ? STATUS[billing.status] : undefined;
  const renews = billing.currentPeriodEnd && billing.status !== "canceled" ? new Date(billing.currentPeriodEnd).toLocaleDateString("en", { dateStyle: "medium", timeZone: "UTC" }) : null;
  const upgrades = billing.plansAvailable.filter((p) => p !== billing.plan);
  return (
    <Card>
      <CardHeader>
        <div>
          <CardTitle className="flex items-center gap-2">{billing.planName} plan {status ? <Badge tone={status.tone}>{status.label}</Badge> : null}</CardTitle>
          <CardDescription>
            {billing.status === "past_due" ? "Stripe is retrying the last payment; the paid plan stays in force for a few days. Update the payment method under Manage billing." : null}
            {billing.status !== "past_due" && renews ? `The current period ends on ${renews}.` : null}
            {billing.status === "canceled" ? "The subscription was cancelled; the team is on the free plan again, and keeps everything it has." : null}
            {!billing.status ? "The team is on the free plan." : null}
          </CardDescription>
        </div>
      </CardHeader>
      {billing.canManage ? (
        <div className="flex flex-wrap gap-2">
          {billing.status && billing.status !== "canceled" ? null : upgrades.map((plan, i) => <UpgradeButton key={plan} plan={plan} name={PLANS[plan].name} primary={i === 0} />)}
          {billing.hasCustomer ? <ManageBillingButton /> : null}
        </div>
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-400">Only owners can change the plan.</p>
      )}
    </Card>
  );
}

export default async function BillingPage({ searchParams }: Props) {
  const { ctx } = await requirePageSession("/billing");
  if (!ctx) return <NoTeam />;
  const billing = await getBilling(ctx);
  if (!billing.enabled) {
    return (
      <>
        <PageHeader title="Billing" />
        <Card>
          <CardHeader><div><CardTitle>Billing is off</CardTitle><CardDescription>This server is self-hosted: there are no plans to buy and nothing is limited.</CardDescription></div></CardHeader>
          <UsageList usage={billing.usage} />
        </Card>
      </>
    );
  }
  const checkout = (await searchParams).checkout;
  return (
    <>
      <PageHeader title="Billing" description={checkout === "done" ? "Thank you — the new plan applies as soon as Stripe confirms the payment." : `Plan and usage of ${ctx.team.name}.`} />
      <div className="grid gap-6">
        <PlanSummary billing={billing} />
        <Card>
          <CardHeader><div><CardTitle>Usage</CardTitle><CardDescription>What the team uses against each limit of its plan. Nothing is removed when a plan shrinks; only new items are refused.</CardDescription></div></CardHeader>
          <UsageList usage={billing.usage} />
        </Card>
        {billing.invoices !== null || billing.canManage ? (
          <Card>
            <CardHeader><div><CardTitle>Invoices</CardTitle></div></CardHeader>
            <InvoicesTable invoices={billing.invoices} />
          </Card>
        ) : null}
      </div>
    </>
  );
}
