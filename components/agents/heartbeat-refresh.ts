"use client";

import { useEffect, useRef } from "react";
import { useLiveEvents } from "@/components/live/live-provider";

/**
 * Calls `refresh` when this agent's heartbeats arrive, at most once per `everyMs` (and after a
 * resync): for data the heartbeat summary does not carry, such as plugin reports and custom metrics.
 */
export function useHeartbeatRefresh(agentId: string, everyMs: number, refresh: () => void): void {
  const last = useRef(0);
  useEffect(() => {
    last.current = Date.now(); // the page came with fresh data
  }, []);
  useLiveEvents((event) => {
    const mine = event.type === "resync" || (event.type === "agent.heartbeat" && event.agentId === agentId);
    if (!mine || (event.type !== "resync" && Date.now() - last.current < everyMs)) return;
    last.current = Date.now();
    refresh();
  });
}
