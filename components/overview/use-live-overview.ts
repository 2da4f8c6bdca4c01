"use client";

import { useEffect, useRef, useState } from "react";
import { apiFetch } from "@/components/api-client";
import { useLiveEvents } from "@/components/live/live-provider";
import type { Overview } from "@/lib/schemas/overview";

const STATUS_DELAY_MS = 300;
const LOAD_REFRESH_MS = 10_000;

/**
 * The overview, kept current: a status change refetches it at once (coalesced), heartbeats at most
 * every 10 s (they only move the load figures).
 */
export function useLiveOverview(initial: Overview, fleetId?: string): Overview {
  const [overview, setOverview] = useState(initial);
  const [source, setSource] = useState(initial);
  if (source !== initial) {
    setSource(initial);
    setOverview(initial);
  }
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const due = useRef(0);
  const schedule = (delay: number) => {
    const at = Date.now() + delay;
    if (timer.current && due.current <= at) return;
    clearTimeout(timer.current);
    due.current = at;
    timer.current = setTimeout(() => {
      timer.current = undefined;
      const query = fleetId ? `?fleetId=${fleetId}` : "";
      apiFetch<{ overview: Overview }>(`/api/overview${query}`).then((r) => setOverview(r.overview), () => {});
    }, delay);
  };
  useLiveEvents((event) => {
    if (event.type === "alert.changed" || event.type === "batch.changed") return;
    if (fleetId && event.type !== "resync" && event.fleetId !== fleetId) return;
    if (event.type === "agent.heartbeat") schedule(LOAD_REFRESH_MS);
    else schedule(STATUS_DELAY_MS);
  });
  useEffect(() => () => clearTimeout(timer.current), []);
  return overview;
}
