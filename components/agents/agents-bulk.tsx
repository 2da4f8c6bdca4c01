"use client";

import { BellOff, FolderInput, Pause, Play, RotateCw, Settings2, Sparkles, X, Zap } from "lucide-react";
import { useMemo, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import type { Agent, AgentSort } from "@/lib/schemas/agents";
import type { AgentFilter, BulkAction, BulkSelection } from "@/lib/schemas/batches";
import { plural } from "@/lib/format";
import { AgentsTable, type RowSelection } from "./agents-table";
import { RotateDialog } from "@/components/rotations/rotate-dialog";
import { BulkActionDialog } from "./bulk-action-dialog";
import { ACTION_LABEL } from "./bulk-labels";
import { tickRows } from "./selection";

const ACTIONS: Array<{ action: BulkAction; icon: typeof RotateCw }> = [
  { action: "restart", icon: RotateCw },
  { action: "set_model", icon: Sparkles },
  { action: "apply_config", icon: Settings2 },
  { action: "pause", icon: Pause },
  { action: "resume", icon: Play },
  { action: "snooze", icon: BellOff },
  { action: "move", icon: FolderInput },
];

/**
 * The agents list with ticks for bulk actions: a tick per row, Shift for a range, the header for the
 * page, then (Gmail-style) every agent the filter matches, which the server resolves in the team.
 */
export function AgentsBulk({ agents, fleetNames, sort, filter, matching, fleets }: {
  agents: Agent[];
  fleetNames: Record<string, string>;
  sort: AgentSort;
  filter: AgentFilter;
  matching: number;
  fleets: Array<{ id: string; name: string }>;
}) {
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [allMatching, setAllMatching] = useState(false);
  const [anchor, setAnchor] = useState<number | null>(null);
  const [action, setAction] = useState<BulkAction | "rotate" | null>(null);
  const opener = useRef<HTMLButtonElement | null>(null);
  const [source, setSource] = useState(agents);
  if (source !== agents) {
    // Another page, filter or order: a selection never carries over to rows no one sees.
    setSource(agents);
    setSelected(new Set());
    setAllMatching(false);
    setAnchor(null);
  }

  const onPage = agents.filter((a) => selected.has(a.id)).length;
  const count = allMatching ? matching : selected.size;
  const selection = useMemo<RowSelection>(
    () => ({
      isSelected: (id) => allMatching || selected.has(id),
      page: allMatching || (onPage > 0 && onPage === agents.length) ? "all" : onPage > 0 ? "some" : "none",
      onRow: (index, shift) => {
        // Unticking a row while "all matching" is on keeps the rest of the page ticked.
        const base = allMatching ? new Set(agents.map((a) => a.id)) : selected;
        setAllMatching(false);
        setSelected(tickRows(agents.map((a) => a.id), base, anchor, index, shift));
        setAnchor(index);
      },
      onPage: (checked) => {
        setAllMatching(false);
        setSelected(checked ? new Set(agents.map((a) => a.id)) : new Set());
      },
    }),
    [agents, allMatching, anchor, onPage, selected],
  );

  const closeDialog = () => {
    setAction(null);
    // The dialog had no trigger of its own: focus goes back to the button that opened it.
    requestAnimationFrame(() => opener.current?.focus());
  };
  const clear = () => {
    setSelected(new Set());
    setAllMatching(false);
  };
  const bulkSelection: BulkSelection = allMatching ? { filter, expectedCount: matching } : { ids: [...selected] };
  const pageAll = onPage === agents.length && agents.length > 0;

  return (
    <>
      {count > 0 ? (
        <div role="toolbar" aria-label="Bulk actions" className="glass sticky top-2 z-10 mb-3 flex flex-wrap items-center gap-2 rounded-xl p-2">
          <span className="px-2 text-sm font-medium" data-testid="selected-count">{plural(count, "agent")} selected</span>
          {ACTIONS.map(({ action: a, icon: Icon }) => (
            <Button
              key={a}
              size="sm"
              variant="secondary"
              onClick={(e) => {
                opener.current = e.currentTarget;
                setAction(a);
              }}
            >
              <Icon aria-hidden /> {ACTION_LABEL[a]}
            </Button>
          ))}
          <Button
            size="sm"
            variant="danger"
            onClick={(e) => {
              opener.current = e.currentTarget;
              setAction("rotate");
            }}
          >
            <Zap aria-hidden /> Rotate to backup model
          </Button>
          <Button size="sm" variant="ghost" onClick={clear}>
            <X aria-hidden /> Clear selection
          </Button>
        </div>
      ) : null}
      {pageAll && matching > agents.length && !allMatching ? (
        <p className="mb-3 rounded-lg bg-brand-500/10 px-3 py-2 text-center text-sm" role="status">
          All {plural(agents.length, "agent")} on this page are selected.{" "}
          <Button variant="link" className="h-auto p-0" onClick={() => setAllMatching(true)}>
            Select all {plural(matching, "agent")} matching this filter
          </Button>
        </p>
      ) : null}
      {allMatching ? (
        <p className="mb-3 rounded-lg bg-brand-500/10 px-3 py-2 text-center text-sm" role="status">
          All {plural(matching, "agent")} matching this filter are selected.{" "}
          <Button variant="link" className="h-auto p-0" onClick={clear}>
            Clear selection
          </Button>
        </p>
      ) : null}
      <AgentsTable agents={agents} sort={sort} fleetNames={fleetNames} selection={selection} />
      {action === "rotate" ? (
        <RotateDialog scope={{ type: "selection", selection: bulkSelection }} scopeName={allMatching ? "every agent matching this filter" : "the agents ticked"} count={count} onClose={closeDialog} />
      ) : action ? (
        <BulkActionDialog action={action} count={count} selection={bulkSelection} fleets={fleets} onClose={closeDialog} />
      ) : null}
    </>
  );
}
