import { describeError } from "./errors";
import { isRecord } from "./guards";
import { printable } from "./text";

export type SessionsGateway = { request(method: string, params: unknown): Promise<unknown>; close(): void };

const PAGE = 100; // sessions.patchMany takes at most 100 targets
const MAX_PAGES = 1_000;

/**
 * The sessions pinned to a model other than `keep`, as openclaw 2026.9.6 lists them.
 * `sessions.list {limit, offset}` answers `{count, totalCount, limitApplied, nextOffset, hasMore,
 * defaults: {modelProvider, model}, sessions: [...]}`; each row carries `key`, `modelProvider` and
 * `model` (the model the session runs, its pin or the default) and `modelOverrideSource`: null when
 * the session follows the default, `"user"` once pinned (`/model`, or `sessions.patch {key, model:
 * "provider/model"}`, which stores the pin as the session's model override). A pin is cleared with
 * `sessions.patch(Many) {model: null}`: the row's source goes back to null and its model to the default.
 */
export function pinnedElsewhere(answer: unknown, keep: string): { keys: string[]; kept: number } {
  const rows = isRecord(answer) && Array.isArray(answer.sessions) ? (answer.sessions as unknown[]) : null;
  if (!rows) throw new Error("unexpected sessions.list answer (no sessions)");
  const keys: string[] = [];
  let kept = 0;
  for (const row of rows) {
    if (!isRecord(row) || typeof row.key !== "string" || row.modelOverrideSource === null || row.modelOverrideSource === undefined) continue;
    const ref = typeof row.modelProvider === "string" && typeof row.model === "string" ? `${row.modelProvider}/${row.model}` : null;
    if (ref === keep) kept += 1;
    else keys.push(row.key);
  }
  return { keys, kept };
}

export type PinsOutcome = { status: "done" | "failed"; message: string };

/** Clears every session pin to a model other than `keep` (pages of 100), so running conversations take the new primary too. Never throws. */
export async function clearSessionPins(gateway: SessionsGateway, keep: string): Promise<PinsOutcome> {
  let cleared = 0;
  let kept = 0;
  const failures: string[] = [];
  try {
    const keys: string[] = [];
    for (let page = 0, offset = 0; page < MAX_PAGES; page++) {
      const answer = await gateway.request("sessions.list", { limit: PAGE, offset });
      const found = pinnedElsewhere(answer, keep);
      keys.push(...found.keys);
      kept += found.kept;
      const next = isRecord(answer) && answer.hasMore === true && typeof answer.nextOffset === "number" ? answer.nextOffset : null;
      if (next === null || next <= offset) break;
      offset = next;
    }
    for (let i = 0; i < keys.length; i += PAGE) {
      const answer = await gateway.request("sessions.patchMany", { targets: keys.slice(i, i + PAGE).map((key) => ({ key })), patch: { model: null } });
      const outcomes = isRecord(answer) && Array.isArray(answer.outcomes) ? (answer.outcomes as unknown[]) : [];
      for (const o of outcomes) {
        if (isRecord(o) && o.ok === true) cleared += 1;
        else failures.push(isRecord(o) && isRecord(o.error) && typeof o.error.message === "string" ? o.error.message : "refused");
      }
    }
  } catch (error) {
    failures.push(describeError(error));
  }
  const summary = `cleared ${cleared} pinned session${cleared === 1 ? "" : "s"} (${kept} kept on ${keep})`;
  if (failures.length === 0) return { status: "done", message: summary };
  return { status: "failed", message: printable(`${summary}; ${failures.length} failed: ${failures[0] ?? ""}`, 500) };
}
