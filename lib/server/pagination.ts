import { AppError } from "@/lib/api/errors";

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

/** Splits rows fetched with limit + 1 into the page and the cursor of the next one. */
export function page<T>(rows: T[], limit: number, keyOf: (row: T) => string[]) {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null };
}

/** Escapes LIKE wildcards so user text matches literally. */
export const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);
