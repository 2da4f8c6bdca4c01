import { describe, expect, it } from "vitest";
import { ROUTES } from "@/lib/api/routes";
import { call } from "../helpers/api";
import { apiRouteFiles } from "../helpers/routes";

describe("GET /api/openapi.json", () => {
  it("describes every route file and method, generated from the zod schemas", async () => {
    const res = await call<{ openapi: string; paths: Record<string, Record<string, { requestBody?: unknown }>> }>("GET", "/api/openapi.json");
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe("3.1.0");
    const documented = Object.entries(res.body.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
    const files: string[] = [];
    for (const route of apiRouteFiles()) {
      if (route.pattern.includes("[...")) continue;
      const mod = (await import(route.file)) as Record<string, unknown>;
      for (const m of ["GET", "POST", "PUT", "PATCH", "DELETE"]) if (typeof mod[m] === "function") files.push(`${m} ${route.pattern}`);
    }
    expect(documented.sort()).toEqual(files.sort());
    expect(ROUTES).toHaveLength(files.length);
    const fleetBody = res.body.paths["/api/fleets"]?.post?.requestBody;
    expect(JSON.stringify(fleetBody)).toContain('"additionalProperties":false');
    expect(JSON.stringify(res.body)).not.toContain("#/$defs/");
  });

  it("answers unknown API paths with the contract's 404", async () => {
    const res = await call("GET", "/api/no/such/thing");
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ error: { code: "not_found" } });
  });

  it("reports the database as healthy", async () => {
    const res = await call("GET", "/api/health");
    expect(res.body).toEqual({ ok: true, db: "ok" });
  });
});
