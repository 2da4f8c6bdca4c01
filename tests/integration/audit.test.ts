import { describe, expect, it } from "vitest";
import { call } from "../helpers/api";
import { addMember, createFleet, createUser } from "../factories";

type Audit = { entries: { action: string; actor: { id: string; label: string }; target: { id: string }; before: unknown; after: unknown }[]; nextCursor: string | null };

describe("audit trail", () => {
  it("records who did what, with before and after, filterable by actor, action, target, text and time", async () => {
    const owner = await createUser();
    const maintainer = await addMember(owner.teamId, "maintainer");
    const fleet = await createFleet(owner, "Alpha");
    await call("PATCH", `/api/fleets/${fleet.id}`, { cookie: maintainer.cookie, body: { name: "Alpha Prime" } });
    const get = (query: string) => call<Audit>("GET", `/api/audit${query}`, { cookie: owner.cookie });

    const byActor = await get(`?actor=${maintainer.id}`);
    expect(byActor.body.entries.map((e) => e.action)).toEqual(["fleet.update"]);
    expect(byActor.body.entries[0]).toMatchObject({ before: { name: "Alpha" }, after: { name: "Alpha Prime" } });
    expect((await get(`?actor=${encodeURIComponent(maintainer.email)}`)).body.entries).toHaveLength(1);
    expect((await get("?action=fleet.")).body.entries.map((e) => e.action)).toEqual(["fleet.update", "fleet.create"]);
    expect((await get(`?target=${fleet.id}`)).body.entries).toHaveLength(2);
    expect((await get("?q=prime")).body.entries.map((e) => e.action)).toEqual(["fleet.update"]);
    expect((await get("?q=100%25")).body.entries).toHaveLength(0);
    const future = new Date(Date.now() + 60_000).toISOString();
    expect((await get(`?from=${encodeURIComponent(future)}`)).body.entries).toHaveLength(0);
    expect((await get(`?to=${encodeURIComponent(future)}`)).body.entries.length).toBeGreaterThanOrEqual(3);
  });

  it("pages with a cursor and never shows another team's entries", async () => {
    const owner = await createUser();
    const other = await createUser();
    for (const name of ["A", "B", "C", "D", "E"]) await createFleet(owner, name);
    await createFleet(other, "Secret");
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : "";
      const res: { body: Audit } = await call<Audit>("GET", `/api/audit?action=fleet.create&limit=2${query}`, { cookie: owner.cookie });
      seen.push(...res.body.entries.map((e) => JSON.stringify(e.after)));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(5);
    expect(seen.join()).not.toContain("Secret");
    expect((await call("GET", "/api/audit?cursor=garbage", { cookie: owner.cookie })).status).toBe(422);
  });
});
