import { createClient } from "@supabase/supabase-js";
import type { LiveEvent, LiveSource } from "./events";
import { expandNotice } from "./notices";

/** The project the browser talks to (public values: URL and anon key). */
export type SupabaseProject = { url: string; anonKey: string };
type Grant = { token: string; expiresAt: number; topic: string };

const TOKEN_URL = "/api/realtime/token";
// A new token is fetched and handed to Realtime this long before the current one expires.
const REFRESH_BEFORE_MS = 120_000;
const RETRY_MS = 5000;

async function fetchGrant(): Promise<Grant> {
  const res = await fetch(TOKEN_URL, { cache: "no-store", credentials: "same-origin" });
  if (!res.ok) throw new Error(`${TOKEN_URL} answered ${res.status}`);
  const body = (await res.json()) as { token: string; expiresAt: string; topic: string };
  return { token: body.token, expiresAt: Date.parse(body.expiresAt), topic: body.topic };
}

/**
 * Supabase Realtime: the active team's private topic, joined with a short-lived token the server
 * mints for the signed-in person (renewed before it expires). Realtime keeps no backlog for us, so
 * every subscription after the first asks the page to resync, as the SSE stream does when it
 * cannot replay what was missed.
 */
export const supabaseSource =
  (project: SupabaseProject): LiveSource =>
  (onEvent, onState) => {
    let grant: Grant | null = null;
    let stopped = false;
    let subscribedBefore = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let renewal: ReturnType<typeof setTimeout> | undefined;
    const accessToken = async () => (grant ??= await fetchGrant()).token;
    // The client library's own auth is off (accessToken given): the token is ours alone to renew.
    const client = createClient(project.url, project.anonKey, { accessToken });
    const scheduleRenewal = (current: Grant) => {
      renewal = setTimeout(() => {
        if (stopped) return;
        fetchGrant()
          .then(async (next) => {
            grant = next;
            await client.realtime.setAuth(next.token);
            scheduleRenewal(next);
          })
          .catch(() => {
            if (!stopped) scheduleRenewal({ ...current, expiresAt: Date.now() + REFRESH_BEFORE_MS + RETRY_MS });
          });
      }, Math.max(current.expiresAt - Date.now() - REFRESH_BEFORE_MS, RETRY_MS));
    };
    const join = async () => {
      await accessToken();
      if (stopped || !grant) return;
      await client.realtime.setAuth(grant.token);
      scheduleRenewal(grant);
      client
        .channel(grant.topic, { config: { private: true } })
        .on("broadcast", { event: "*" }, (message: { payload?: unknown }) => {
          const { id: _id, ...notice } = (message.payload ?? {}) as Record<string, unknown>;
          for (const { type, data } of expandNotice(notice)) onEvent({ ...data, type } as LiveEvent);
        })
        .subscribe((status) => {
          if (stopped) return;
          if (status !== "SUBSCRIBED") return onState("reconnecting");
          onState("open");
          if (subscribedBefore) onEvent({ type: "resync" });
          subscribedBefore = true;
        });
    };
    const start = () =>
      join().catch(() => {
        // No token (the session ended, or the server is away): try again later, gently.
        if (stopped) return;
        onState("reconnecting");
        retry = setTimeout(start, RETRY_MS);
      });
    onState("connecting");
    void start();
    return () => {
      stopped = true;
      clearTimeout(retry);
      clearTimeout(renewal);
      void client.removeAllChannels();
    };
  };
