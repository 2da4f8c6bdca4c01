import { randomBytes } from "node:crypto";
import { db } from "@/lib/db/client";
import { expandNotice } from "@/lib/realtime/notices";
import { EVENTS_CHANNEL } from "./notify";

/** One event as browsers receive it: `id` orders events and resumes a stream (Last-Event-ID). */
export type FleetEvent = { id: string; type: string; teamId: string; data: Record<string, unknown> };
export type Listener = (event: FleetEvent) => void;
/** What a resuming subscriber missed, or "resync" when that is no longer known (it reloads instead). */
export type Backlog = FleetEvent[] | "resync";

const RING_SIZE = 10_000;

/**
 * One LISTEN connection per server process, fanned out in memory to the subscribers of each team.
 * Recent events stay in a ring so a reconnecting browser gets exactly what it missed.
 */
export class EventBus {
  private readonly boot = randomBytes(4).toString("hex");
  private counter = 0;
  private ring: FleetEvent[] = [];
  private readonly teams = new Map<string, Set<Listener>>();
  private listening: Promise<void> | null = null;
  private connects = 0;

  constructor(private readonly listen: (onPayload: (payload: string) => void, onListen: () => void) => Promise<void>) {}

  /** Starts listening (once); resolves when the LISTEN is in place. */
  start(): Promise<void> {
    this.listening ??= this.listen(
      (payload) => this.receive(payload),
      // A reconnect means notices may have been missed meanwhile: everyone reloads.
      () => void (this.connects++ > 0 && this.broadcastResync()),
    ).catch((error: unknown) => {
      this.listening = null;
      throw error;
    });
    return this.listening;
  }

  subscribe(teamId: string, listener: Listener, lastEventId?: string | null): { backlog: Backlog; unsubscribe: () => void } {
    const set = this.teams.get(teamId) ?? new Set<Listener>();
    set.add(listener);
    this.teams.set(teamId, set);
    const unsubscribe = () => {
      set.delete(listener);
      if (set.size === 0 && this.teams.get(teamId) === set) this.teams.delete(teamId);
    };
    return { backlog: lastEventId ? this.since(teamId, lastEventId) : [], unsubscribe };
  }

  subscribers(): number {
    let n = 0;
    for (const set of this.teams.values()) n += set.size;
    return n;
  }

  private since(teamId: string, lastEventId: string): Backlog {
    const [boot, n] = lastEventId.split(".");
    const last = Number(n);
    const oldest = this.ring[0] ? Number(this.ring[0].id.split(".")[1]) : this.counter + 1;
    if (boot !== this.boot || !Number.isInteger(last) || last > this.counter || last < oldest - 1) return "resync";
    return this.ring.filter((e) => e.teamId === teamId && Number(e.id.split(".")[1]) > last);
  }

  private receive(payload: string) {
    let notice: unknown;
    try {
      notice = JSON.parse(payload);
    } catch {
      return;
    }
    for (const { type, teamId, data } of expandNotice(notice)) this.emit(type, teamId, data);
  }

  private emit(type: string, teamId: string, data: Record<string, unknown>) {
    const event: FleetEvent = { id: `${this.boot}.${++this.counter}`, type, teamId, data };
    this.ring.push(event);
    if (this.ring.length > RING_SIZE) this.ring.splice(0, this.ring.length - RING_SIZE);
    for (const listener of this.teams.get(teamId) ?? []) listener(event);
  }

  private broadcastResync() {
    for (const [teamId, set] of this.teams) {
      const event: FleetEvent = { id: `${this.boot}.${this.counter}`, type: "resync", teamId, data: {} };
      for (const listener of set) listener(event);
    }
  }
}

const globalForBus = globalThis as typeof globalThis & { __fleetEventBus?: EventBus };

/** The process's bus, listening on its own dedicated connection (postgres.js reconnects it). */
export function eventBus(): EventBus {
  globalForBus.__fleetEventBus ??= new EventBus(async (onPayload, onListen) => {
    const sql = await db();
    await sql.listen(EVENTS_CHANNEL, onPayload, onListen);
  });
  return globalForBus.__fleetEventBus;
}
