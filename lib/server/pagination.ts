import { AppError } from "@/lib/api/errors";
import { isUuid } from "@/lib/auth/context";

/** Keyset cursors: the sort key of the last row, opaque to clients. */
export function encodeCursor(key: string[]): string {
  return Buffer.from(JSON.stringify(key)).toString("base64url");
}

export function decodeCursor(cursor: string | undefined, parts: number): string[] | null {
  if (!cursor) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(value) && value.length === parts && value.every((v) => typeof v === "string" && v.length <= 100)) {
      return value as string[];
    }
  } catch {
    // fall through to the error below
  }
  throw new AppError("invalid_request", "The cursor is malformed", [{ path: "cursor", message: "Malformed" }]);
}

const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** A (created_at, id) cursor of a newest-first list, checked; null when absent (422 when it belongs to no such list). */
export function decodeTimeCursor(cursor: string | undefined): [string, string] | null {
  const key = decodeCursor(cursor, 2);
  if (!key) return null;
  const [at = "", id = ""] = key;
  if (!TIME.test(at) || !isUuid(id)) throw new AppError("invalid_request", "The cursor does not belong to this list", [{ path: "cursor", message: "Malformed" }]);
  return [at, id];
}

/** Splits rows fetched with limit + 1 into the page and the cursor of the next one. */
export function page<T>(rows: T[], limit: number, keyOf: (row: T) => string[]) {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null };
}

/** Escapes LIKE wildcards so user text matches literally. */
export const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);
