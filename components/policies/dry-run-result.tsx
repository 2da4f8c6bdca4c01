import Link from "next/link";
import { plural } from "@/lib/format";
import type { PolicyDryRunResponse } from "@/lib/schemas/policies";
import { ChangesTable } from "./changes-table";

/** What a save would do: the level's own changes, then each agent whose effective policy changes. */
export function DryRunResult({ result }: { result: PolicyDryRunResponse }) {
  return (
    <section aria-labelledby="dry-run-title" className="mt-6 grid gap-4 border-t border-slate-900/10 pt-4 dark:border-white/10" data-testid="dry-run">
      <h3 id="dry-run-title" className="font-semibold">Dry run</h3>
      <p className="text-sm" role="status">
        {result.agents.length ? `${plural(result.agents.length, "agent")} would change` : "No agent would change"}; {plural(result.unchanged, "agent")} unchanged.
      </p>
      <div>
        <h4 className="mb-2 text-sm font-medium">This level</h4>
        <ChangesTable changes={result.changes} label="Changes to this level" />
      </div>
      {result.agents.map((a) => (
        <div key={a.id}>
          <h4 className="mb-2 text-sm font-medium"><Link className="text-brand-600 hover:underline dark:text-brand-500" href={`/dashboard/agents/${a.id}`}>{a.name}</Link></h4>
          <ChangesTable changes={a.changes} label={`Changes for ${a.name}`} />
        </div>
      ))}
    </section>
  );
}
