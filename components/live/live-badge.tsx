"use client";

import { useLiveState } from "./live-provider";
import { cn } from "@/components/ui/cn";
import { Tooltip } from "@/components/ui/tooltip";

/** "Live" with a dot that pulses when a heartbeat arrives; says so in words when the connection drops. */
export function LiveBadge() {
  const { state, lastHeartbeatAt } = useLiveState();
  const open = state === "open";
  const label = open ? "Live" : state === "connecting" ? "Connecting…" : "Reconnecting…";
  return (
    <Tooltip content={open ? "Updates arrive as they happen; the dot pulses with each heartbeat." : "Trying to reach the server; updates resume by themselves."}>
    <span
      tabIndex={0}
      className={cn(
        "inline-flex items-center gap-2 rounded-full px-2.5 py-1 text-xs font-medium ring-1 ring-inset",
        open ? "bg-emerald-500/10 text-emerald-700 ring-emerald-500/30 dark:text-emerald-400" : "bg-amber-500/10 text-amber-800 ring-amber-500/30 dark:text-amber-300",
      )}
      data-state={state}
      data-testid="live-badge"
    >
      <span className="relative flex size-2" aria-hidden>
        {open && lastHeartbeatAt ? <span key={lastHeartbeatAt} className="absolute inline-flex size-full animate-ping-once rounded-full bg-emerald-500" /> : null}
        <span className={cn("relative inline-flex size-2 rounded-full", open ? "bg-emerald-500" : "bg-amber-500")} />
      </span>
      {label}
    </span>
    </Tooltip>
  );
}
