import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { call } from "../helpers/api";
import { addMember, createUser } from "../factories";

type Created = { token: string; apiToken: { id: string; role: string; prefix: string } };

describe("personal API tokens", () => {
  it("is shown once, stored hashed, and works as a bearer token", async () => {
    const owner = await createUser();
    const res = await call<Created>("POST", "/api/tokens", { cookie: owner.cookie, body: { name: "deploy bot" } });
    expect(res.status).toBe(201);
    expect(res.body.token).toMatch(/^ocf_pat_[A-Za-z0-9_-]{43}$/);
    expect(res.body.apiToken).toMatchObject({ role: "owner", prefix: res.body.token.slice(0, 12) });
    const sql = await db();
    expect(await sql`select 1 from api_tokens t where t::text like ${`%${res.body.token.slice(12)}%`}`).toHaveLength(0);

    const fleets = await call("POST", "/api/fleets", { token: res.body.token, body: { name: "from a script" } });
    expect(fleets.status).toBe(201);
    const audit = await call<{ entries: { actor: { type: string } }[] }>("GET", "/api/audit?action=fleet.create", { token: res.body.token });
    expect(audit.body.entries[0]?.actor.type).toBe("token");

    const list = await call<{ apiTokens: { id: string; lastUsedAt: string | null }[] }>("GET", "/api/tokens", { cookie: owner.cookie });
    expect(list.body.apiTokens).toEqual([expect.objectContaining({ id: res.body.apiToken.id, lastUsedAt: expect.any(String) })]);
  });

  it("acts with at most its own role", async () => {
    const owner = await createUser();
    const res = await call<Created>("POST", "/api/tokens", { cookie: owner.cookie, body: { name: "read only", role: "viewer" } });
    expect((await call("GET", "/api/fleets", { token: res.body.token })).status).toBe(200);
    expect((await call("POST", "/api/fleets", { token: res.body.token, body: { name: "nope" } })).status).toBe(403);
  });

  it("cannot be created above the creator's role, nor by another token", async () => {
    const owner = await createUser();
    const viewer = await addMember(owner.teamId, "viewer");
    expect((await call("POST", "/api/tokens", { cookie: viewer.cookie, body: { name: "up", role: "owner" } })).status).toBe(403);
    const own = await call<Created>("POST", "/api/tokens", { cookie: owner.cookie, body: { name: "t" } });
    expect((await call("POST", "/api/tokens", { token: own.body.token, body: { name: "child" } })).status).toBe(403);
  });

  it("is bound to its team and stops working when revoked or expired", async () => {
    const owner = await createUser();
    const other = await createUser();
    const res = await call<Created>("POST", "/api/tokens", { cookie: owner.cookie, body: { name: "t" } });
    expect((await call("GET", "/api/fleets", { token: res.body.token, teamId: other.teamId })).status).toBe(404);
    expect((await call("DELETE", `/api/tokens/${res.body.apiToken.id}`, { cookie: other.cookie })).status).toBe(404);
    expect((await call("DELETE", `/api/tokens/${res.body.apiToken.id}`, { cookie: owner.cookie })).status).toBe(204);
    expect((await call("GET", "/api/fleets", { token: res.body.token })).status).toBe(401);

    const expiring = await call<Created>("POST", "/api/tokens", { cookie: owner.cookie, body: { name: "short", expiresInDays: 1 } });
    const sql = await db();
    await sql`update api_tokens set expires_at = now() - interval '1 second' where id = ${expiring.body.apiToken.id}`;
    expect((await call("GET", "/api/fleets", { token: expiring.body.token })).status).toBe(401);
  });

  it("rejects malformed and forged bearer tokens", async () => {
    for (const authorization of ["Bearer", "Bearer ocf_pat_forged", "Basic abc", "Bearer a b"]) {
      const res = await call("GET", "/api/fleets", { headers: { authorization } });
      expect(res.status, authorization).toBe(401);
      expect(res.body).toMatchObject({ error: { code: "unauthorized" } });
    }
  });
});
