import { describe, expect, it } from "vitest";
import { call } from "../helpers/api";
import { createUser } from "../factories";

describe("fleets", () => {
  it("creates, lists, renames and deletes a fleet, auditing each step", async () => {
    const owner = await createUser();
    const created = await call<{ fleet: { id: string; name: string; agentCount: number } }>("POST", "/api/fleets", {
      cookie: owner.cookie,
      body: { name: "Production", description: "EU hosts" },
    });
    expect(created.status).toBe(201);
    expect(created.body.fleet).toMatchObject({ name: "Production", agentCount: 0 });
    const id = created.body.fleet.id;

    const list = await call<{ fleets: { id: string }[]; nextCursor: null }>("GET", "/api/fleets", { cookie: owner.cookie });
    expect(list.status).toBe(200);
    expect(list.body.fleets.map((f) => f.id)).toEqual([id]);

    const renamed = await call<{ fleet: { name: string } }>("PATCH", `/api/fleets/${id}`, { cookie: owner.cookie, body: { name: "Prod EU" } });
    expect(renamed.body.fleet.name).toBe("Prod EU");

    const duplicate = await call("POST", "/api/fleets", { cookie: owner.cookie, body: { name: "prod eu" } });
    expect(duplicate.status).toBe(409);

    expect((await call("DELETE", `/api/fleets/${id}`, { cookie: owner.cookie })).status).toBe(204);
    expect((await call("GET", `/api/fleets/${id}`, { cookie: owner.cookie })).status).toBe(404);

    const audit = await call<{ entries: { action: string; target: { id: string } }[] }>("GET", `/api/audit?target=${id}`, { cookie: owner.cookie });
    expect(audit.body.entries.map((e) => e.action)).toEqual(["fleet.delete", "fleet.update", "fleet.create"]);
  });
});
