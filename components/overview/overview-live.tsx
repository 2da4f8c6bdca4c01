"use client";

import Link from "next/link";
import { AgentsTable } from "@/components/agents/agents-table";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import type { Overview } from "@/lib/schemas/overview";
import { EventList } from "./event-list";
import { RegionHeatmap } from "./region-heatmap";
import { StatusCounts } from "./status-counts";
import { useLiveOverview } from "./use-live-overview";

/** The overview's live part: counts, agents needing attention, the region heatmap and recent changes. */
export function OverviewLive({ initial, fleetId }: { initial: Overview; fleetId?: string }) {
  const overview = useLiveOverview(initial, fleetId);
  const extra = fleetId ? `&fleetId=${fleetId}` : "";
  return (
    <div className="grid gap-6">
      <StatusCounts overview={overview} extra={extra} />
      <div className="grid gap-6 lg:grid-cols-5">
        <Card className="lg:col-span-3">
          <CardHeader>
            <div>
              <CardTitle>Needs attention</CardTitle>
              <CardDescription>Offline, stale and degraded agents, most urgent first.</CardDescription>
            </div>
            <Link className="text-sm text-brand-600 hover:underline dark:text-brand-500" href={`/dashboard/agents?sort=status${extra}`}>All by urgency</Link>
          </CardHeader>
          {overview.attention.length ? (
            <AgentsTable agents={overview.attention} label="Agents needing attention" />
          ) : (
            <EmptyState title={overview.total ? "All agents are healthy" : "No agents yet"}>
              {overview.total ? "Nothing is offline, stale or degraded right now." : "Add an agent and pair its host to see it here."}
            </EmptyState>
          )}
        </Card>
        <Card className="lg:col-span-2">
          <CardHeader><CardTitle>Recent status changes</CardTitle></CardHeader>
          {overview.recentEvents.length ? <EventList events={overview.recentEvents} /> : <EmptyState title="No changes yet" />}
        </Card>
      </div>
      <Card>
        <CardHeader>
          <div>
            <CardTitle>Fleet heatmap</CardTitle>
            <CardDescription>Where the fleet is under load or failing. Each cell opens the matching agents.</CardDescription>
          </div>
        </CardHeader>
        {overview.regions.length ? <RegionHeatmap regions={overview.regions} fleetId={fleetId} /> : <EmptyState title="No agents yet" />}
      </Card>
    </div>
  );
}
