import type { LiveSource } from "./events";
import type { SupabaseProject } from "./supabase-source";

/** The Supabase Realtime source, loaded only by pages of a server in Supabase mode (the client library stays out of the others). */
export const lazySupabaseSource =
  (project: SupabaseProject): LiveSource =>
  (onEvent, onState) => {
    let stop: (() => void) | undefined;
    let stopped = false;
    onState("connecting");
    void import("./supabase-source").then(({ supabaseSource }) => {
      if (!stopped) stop = supabaseSource(project)(onEvent, onState);
    });
    return () => {
      stopped = true;
      stop?.();
    };
  };
