import { beforeAll, describe, expect, it } from "vitest";
import { ROUTES } from "@/lib/api/routes";
import { db } from "@/lib/db/client";
import { call } from "../helpers/api";
import { INJECTIONS, NOT_TEXT, NOT_TEXT_INPUT, TEXT, VALID, createSampleWorld, type Sample, type World } from "../helpers/samples";
import { snapshot } from "../helpers/snapshot";

// The heartbeat takes a signed body: its own suite covers bad input and attacks.
// One person sends every bad body of every route within a minute, far more than the API's per-person
// limit (1,200 a minute by default), which would answer 429 before the body is even read.
process.env.RATE_LIMIT_API_PER_MINUTE = "100000";
const bodyRoutes = ROUTES.filter((r) => r.body && r.access !== "agent").map((r) => `${r.method} ${r.path}`);

describe("bad input on every route with a body", () => {
  let w: World;
  let teams: string[];
  let users: string[];
  beforeAll(async () => {
    w = await createSampleWorld();
    teams = [w.owner.teamId, w.other.teamId];
    users = [w.owner.id, w.viewer.id, w.maintainer.id, w.other.id];
  });

  it("has a valid sample for every route with a body", () => {
    expect(bodyRoutes.filter((key) => !VALID[key])).toEqual([]);
  });

  async function expectRejected(key: string, send: (sample: Sample) => Parameters<typeof call>[2], status?: number) {
    const [method = "POST"] = key.split(" ");
    const sample = VALID[key]?.(w);
    if (!sample) throw new Error(`no sample for ${key}`);
    const before = await snapshot(teams, users);
    const res = await call(method, sample.path, { cookie: w.owner.cookie, ...send(sample) });
    if (status) expect(res.status, key).toBe(status);
    expect(res.status, `${key} ${JSON.stringify(res.body)}`).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.body).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
    expect(await snapshot(teams, users), `${key} wrote something`).toBe(before);
    if (key === "POST /api/auth/signup") {
      const sql = await db();
      expect(await sql`select 1 from users where email = ${String(sample.body.email)}`).toHaveLength(0);
    }
    return res;
  }

  it.each(bodyRoutes)("%s: malformed JSON, empty and non-object bodies → 422", async (key) => {
    for (const rawBody of ['{"name": ', "", "[]", '"text"', "null", "{'a':1}"]) {
      await expectRejected(key, () => ({ rawBody }), 422);
    }
  });

  it.each(bodyRoutes)("%s: a body over 64 KiB → 413", async (key) => {
    const res = await expectRejected(key, (s) => ({ body: { ...s.body, pad: "x".repeat(65 * 1024) } }), 413);
    expect(res.body).toMatchObject({ error: { code: "payload_too_large" } });
  });

  it.each(bodyRoutes)("%s: unknown fields → 422", async (key) => {
    const res = await expectRejected(key, (s) => ({ body: { ...s.body, isAdmin: true } }), 422);
    expect(res.body).toMatchObject({ error: { code: "invalid_request", details: expect.any(Array) } });
  });

  it.each(bodyRoutes)("%s: wrong types in every field → 422", async (key) => {
    const sample = VALID[key]?.(w);
    for (const [field, valid] of Object.entries(sample?.body ?? {})) {
      const sameType = (v: unknown) => typeof v === typeof valid && Array.isArray(v) === Array.isArray(valid) && v !== null;
      for (const wrong of [12345, true, ["x"], { nested: 1 }, null].filter((v) => !sameType(v))) {
        const res = await expectRejected(key, (s) => ({ body: { ...s.body, [field]: wrong } }), 422);
        expect(JSON.stringify(res.body), `${key}.${field}`).toContain(field);
      }
    }
  });

  it.each(bodyRoutes)("%s: injection strings in fields with a format of their own → 4xx, nothing written", async (key) => {
    const sample = VALID[key]?.(w);
    const formatted = Object.entries(sample?.body ?? {}).filter(([k, v]) => typeof v === "string" && !NOT_TEXT.has(k) && !TEXT.has(k));
    for (const [field] of formatted) {
      for (const injection of INJECTIONS) {
        await expectRejected(key, (s) => ({ body: { ...s.body, [field]: injection } }));
      }
    }
  });

  it.each(bodyRoutes)("%s: control characters and invalid Unicode in text fields → 422, nothing written", async (key) => {
    const sample = VALID[key]?.(w);
    for (const [field] of Object.entries(sample?.body ?? {}).filter(([k, v]) => typeof v === "string" && TEXT.has(k))) {
      for (const bad of NOT_TEXT_INPUT) {
        const res = await expectRejected(key, (s) => ({ body: { ...s.body, [field]: bad } }), 422);
        expect(JSON.stringify(res.body), `${key}.${field}`).toContain(field);
      }
    }
  });

  it("still works with the valid samples afterwards (the cases above were rejected for their flaw alone)", async () => {
    const fleet = VALID["POST /api/fleets"]?.(w);
    const res = await call("POST", fleet?.path ?? "", { cookie: w.owner.cookie, body: fleet?.body });
    expect(res.status).toBe(201);
  });
});
