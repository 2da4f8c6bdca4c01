// Narrowing helpers for values of unknown shape (parsed JSON, thrown errors).

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function isErrnoError(error: unknown, code: string): boolean {
  return error instanceof Error && "code" in error && error.code === code;
}
