import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";

export type Refusal = { at: string; tool: string; reason: string };
/** The contract's GuardReport (lib/schemas/policy-document.ts), plus what could not be priced. */
export type GuardReport = { revision: number; refusals: number; spendTodayUsd: number; lastRefusals: Refusal[]; unpricedToday: number };

const LAST = 10;
const utcDay = (at: Date) => at.toISOString().slice(0, 10);

/**
 * What the guard counted: refusals since the gateway process started, and the UTC day's spend,
 * which survives a restart (kept in a small JSON file). One instance per file and process: the
 * gateway registers the plugin again whenever its settings change, and the counts must carry over.
 */
export class GuardState {
  private day: string;
  private spendUsd = 0;
  private unpriced = 0;
  private refusals = 0;
  private last: Refusal[] = [];
  revision = 0;

  constructor(
    readonly file: string,
    now = new Date(),
  ) {
    this.day = utcDay(now);
    const saved = readSaved(file);
    if (saved && saved.day === this.day) {
      this.spendUsd = saved.spendTodayUsd;
      this.unpriced = saved.unpricedToday;
    }
  }

  spendToday(now = new Date()): number {
    this.roll(now);
    return this.spendUsd;
  }

  addSpend(usd: number | null, now = new Date()): void {
    this.roll(now);
    if (usd === null) this.unpriced += 1;
    else this.spendUsd += usd;
    this.save();
  }

  refuse(tool: string, reason: string, now = new Date()): void {
    this.refusals += 1;
    this.last = [...this.last, { at: now.toISOString(), tool: tool.slice(0, 100), reason: reason.slice(0, 300) }].slice(-LAST);
    this.save();
  }

  report(now = new Date()): GuardReport {
    this.roll(now);
    return this.snapshot();
  }

  /** The counts as held, for the day they belong to (no clock read: saving never moves the day). */
  private snapshot(): GuardReport {
    return { revision: this.revision, refusals: this.refusals, spendTodayUsd: this.spendUsd, lastRefusals: [...this.last].reverse(), unpricedToday: this.unpriced };
  }

  save(): void {
    try {
      mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
      const temp = `${this.file}.${process.pid}.tmp`;
      writeFileSync(temp, `${JSON.stringify({ day: this.day, ...this.snapshot() })}\n`, { mode: 0o600 });
      renameSync(temp, this.file);
    } catch {
      // The counts stay right in memory; only a restart would lose today's spend.
    }
  }

  private roll(now: Date): void {
    const day = utcDay(now);
    if (day === this.day) return;
    this.day = day;
    this.spendUsd = 0;
    this.unpriced = 0;
  }
}

function readSaved(file: string): { day: string; spendTodayUsd: number; unpricedToday: number } | null {
  try {
    const data: unknown = JSON.parse(readFileSync(file, "utf8"));
    if (typeof data !== "object" || data === null) return null;
    const { day, spendTodayUsd, unpricedToday } = data as Record<string, unknown>;
    if (typeof day !== "string" || typeof spendTodayUsd !== "number" || !Number.isFinite(spendTodayUsd) || spendTodayUsd < 0) return null;
    return { day, spendTodayUsd, unpricedToday: typeof unpricedToday === "number" ? unpricedToday : 0 };
  } catch {
    return null;
  }
}

/** Where the guard keeps its counts: clawfleet/guard.json in OpenClaw's state directory. */
export function guardStateFile(env: NodeJS.ProcessEnv = process.env): string {
  const home = env.HOME || env.USERPROFILE || ".";
  const stateDir = env.OPENCLAW_STATE_DIR || path.join(home, ".openclaw");
  return path.join(stateDir, "clawfleet", "guard.json");
}

const KEY = Symbol.for("clawfleet.guard-state");

/** The process's one GuardState for `file` (kept across the plugin's registrations). */
export function sharedGuardState(file: string): GuardState {
  const holder = globalThis as typeof globalThis & { [KEY]?: Map<string, GuardState> };
  const states = (holder[KEY] ??= new Map());
  let state = states.get(file);
  if (!state) {
    state = new GuardState(file);
    states.set(file, state);
  }
  return state;
}
