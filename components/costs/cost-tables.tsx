import Link from "next/link";
import type { ReactNode } from "react";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { CostSummary } from "@/lib/schemas/costs";
import { modelLabel } from "./cost-data";
import { MoneyTable, type MoneyRow } from "./money-table";

const link = "text-brand-600 hover:underline dark:text-brand-500";

function Breakdown({ title, description, heading, rows }: { title: string; description?: string; heading: string; rows: MoneyRow[] }) {
  return (
    <Card>
      <CardHeader>
        <div>
          <CardTitle>{title}</CardTitle>
          {description ? <CardDescription>{description}</CardDescription> : null}
        </div>
      </CardHeader>
      {rows.length ? <MoneyTable label={title} heading={heading} rows={rows} /> : <p className="text-sm text-slate-600 dark:text-slate-400">No usage in this range.</p>}
    </Card>
  );
}

const named = (name: string | null, href: string, gone: string): ReactNode => (name === null ? <span className="italic">{gone}</span> : <Link className={link} href={href}>{name}</Link>);

/** The range's spend by model, provider and fleet, and the costliest agents (each linking to its page). */
export function CostTables({ costs }: { costs: CostSummary }) {
  return (
    <>
      <Breakdown
        title="By model"
        heading="Model"
        rows={costs.byModel.map((m) => ({ key: `${m.provider}|${m.model}`, label: <span className="font-mono text-xs">{modelLabel(m.provider, m.model)}</span>, money: m, testId: `model-${modelLabel(m.provider, m.model)}` }))}
      />
      <Breakdown title="By provider" heading="Provider" rows={costs.byProvider.map((p) => ({ key: p.provider, label: p.provider || "(none reported)", money: p }))} />
      <Breakdown title="By fleet" heading="Fleet" rows={costs.byFleet.map((f) => ({ key: f.fleetId, label: named(f.name, `/dashboard/fleets/${f.fleetId}`, "Deleted fleet"), money: f }))} />
      <Breakdown
        title="Top agents"
        description="The ten costliest agents in the range."
        heading="Agent"
        rows={costs.topAgents.map((a) => ({ key: a.agentId, label: named(a.name, `/dashboard/agents/${a.agentId}`, "Deleted agent"), money: a, testId: `agent-${a.agentId}` }))}
      />
    </>
  );
}
