"use client";

import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Input, NativeSelect } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { AGENT_STATUSES } from "@/lib/schemas/agents";

/** Filters live in the URL, so a filtered list can be shared. */
export function AgentFilters({ initial, fleets }: { initial: Record<string, string>; fleets: Array<{ id: string; name: string }> }) {
  const router = useRouter();
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const [key, value] of new FormData(event.currentTarget).entries()) if (String(value).trim()) params.set(key, String(value).trim());
    router.push(`/dashboard/agents?${params.toString()}`);
  }
  return (
    <form onSubmit={submit} aria-label="Filter agents" className="glass mb-4 grid gap-3 rounded-2xl p-4 sm:grid-cols-2 lg:grid-cols-5">
      {initial.sort ? <input type="hidden" name="sort" value={initial.sort} /> : null}
      <div className="grid gap-1">
        <Label htmlFor="agents-q">Search</Label>
        <Input id="agents-q" name="q" defaultValue={initial.q} placeholder="Name, host or tag" />
      </div>
      <div className="grid gap-1">
        <Label htmlFor="agents-status">Status</Label>
        <NativeSelect id="agents-status" name="status" defaultValue={initial.status ?? ""}>
          <option value="">Any</option>
          {AGENT_STATUSES.map((s) => <option key={s} value={s}>{s}</option>)}
        </NativeSelect>
      </div>
      <div className="grid gap-1">
        <Label htmlFor="agents-fleet">Fleet</Label>
        <NativeSelect id="agents-fleet" name="fleetId" defaultValue={initial.fleetId ?? ""}>
          <option value="">Any</option>
          {fleets.map((f) => <option key={f.id} value={f.id}>{f.name}</option>)}
        </NativeSelect>
      </div>
      <div className="grid gap-1">
        <Label htmlFor="agents-region">Region</Label>
        <Input id="agents-region" name="region" defaultValue={initial.region} placeholder="eu-west" />
      </div>
      <div className="flex items-end gap-2">
        <Button type="submit">Apply</Button>
        <Button type="button" variant="ghost" onClick={() => router.push("/dashboard/agents")}>Clear</Button>
      </div>
    </form>
  );
}
