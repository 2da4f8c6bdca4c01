import { describe, expect, it, vi } from "vitest";
import { AppError, toAppError, toErrorResponse } from "@/lib/api/errors";

describe("AppError", () => {
  it("is recognised when another copy of the module made it (server bundles each hold their own)", async () => {
    vi.resetModules();
    const copy = await import("@/lib/api/errors");
    expect(copy.AppError).not.toBe(AppError);
    const foreign = new copy.AppError("conflict", "seq must increase", undefined, { "Retry-After": "1" });
    expect(foreign).toBeInstanceOf(AppError);
    expect(toAppError(foreign)).toBe(foreign);
    const res = toErrorResponse(foreign);
    expect(res.status).toBe(409);
    expect(res.headers.get("retry-after")).toBe("1");
    expect(await res.json()).toEqual({ error: { code: "conflict", message: "seq must increase" } });
  });

  it("is not claimed by other errors", () => {
    for (const other of [new Error("x"), { code: "conflict", message: "x" }, null, "conflict"]) {
      expect(other instanceof AppError).toBe(false);
      expect(toAppError(other).code).toBe("internal");
    }
  });
});
