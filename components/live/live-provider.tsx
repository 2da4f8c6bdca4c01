"use client";

import { useRouter } from "next/navigation";
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from "react";
import { sseSource, type LiveEvent, type LiveSource, type LiveState } from "@/lib/realtime/events";
import { lazySupabaseSource } from "@/lib/realtime/supabase-lazy";

type Listener = (event: LiveEvent) => void;
type Subscribe = (listener: Listener) => () => void;

// Two contexts: subscribing is stable, so only the badge re-renders on every heartbeat.
const SubscribeContext = createContext<Subscribe>(() => () => {});
const StateContext = createContext<{ state: LiveState; lastHeartbeatAt: number }>({ state: "connecting", lastHeartbeatAt: 0 });

/**
 * One live connection per tab, shared by every component on the page. On "resync" (the server
 * could not replay what was missed) server-rendered data is fetched again; components hear it too.
 * The transport is Server-Sent Events, or Supabase Realtime when the server names a Supabase project
 * (its URL and anon key: strings, so a re-render of the layout does not reconnect).
 */
export function LiveProvider(props: { children: React.ReactNode; source?: LiveSource; supabaseUrl?: string; supabaseAnonKey?: string }) {
  const { children, source, supabaseUrl: url, supabaseAnonKey: anonKey } = props;
  const router = useRouter();
  const listeners = useRef(new Set<Listener>());
  const [state, setState] = useState<LiveState>("connecting");
  const [lastHeartbeatAt, setLastHeartbeatAt] = useState(0);
  const lastPulse = useRef(0);
  useEffect(() => {
    const start = source ?? (url && anonKey ? lazySupabaseSource({ url, anonKey }) : sseSource());
    return start((event) => {
      // The badge pulses at most once a second, however many agents report.
      if (event.type === "agent.heartbeat" && Date.now() - lastPulse.current > 1000) {
        lastPulse.current = Date.now();
        setLastHeartbeatAt(lastPulse.current);
      }
      if (event.type === "resync") router.refresh();
      for (const listener of listeners.current) listener(event);
    }, setState);
  }, [router, source, url, anonKey]);
  const subscribe = useCallback<Subscribe>((listener) => {
    listeners.current.add(listener);
    return () => void listeners.current.delete(listener);
  }, []);
  const status = useMemo(() => ({ state, lastHeartbeatAt }), [state, lastHeartbeatAt]);
  return (
    <SubscribeContext.Provider value={subscribe}>
      <StateContext.Provider value={status}>{children}</StateContext.Provider>
    </SubscribeContext.Provider>
  );
}

export const useLiveState = () => useContext(StateContext);

/** Calls `handler` for every live event while the component is mounted (always the latest handler). */
export function useLiveEvents(handler: Listener): void {
  const subscribe = useContext(SubscribeContext);
  const ref = useRef(handler);
  useEffect(() => {
    ref.current = handler;
  });
  useEffect(() => subscribe((event) => ref.current(event)), [subscribe]);
}
