"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { apiFetch } from "@/components/api-client";
import type { LiveEvent } from "@/lib/realtime/events";
import { useLiveEvents } from "./live-provider";

/**
 * Data from `url`, fetched again at most every `delayMs` while live events it `wants` (or a resync)
 * arrive; on a failed fetch the last figures stay and `error` says so.
 */
export function useLiveRefresh<T>(url: string, initial: T, delayMs: number, wants: (event: LiveEvent, data: T) => boolean) {
  const [data, setData] = useState(initial);
  const [error, setError] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);
  const refresh = useCallback(() => {
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      apiFetch<T>(url).then(
        (next) => {
          setData(next);
          setError(false);
        },
        () => setError(true),
      );
    }, delayMs);
  }, [url, delayMs]);
  useLiveEvents((event) => {
    if (event.type === "resync" || wants(event, data)) refresh();
  });
  return { data, error, refresh };
}
