import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { call } from "../helpers/api";
import { INJECTIONS } from "../helpers/samples";
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

  describe("hash chain", () => {
    type Verify = { ok: boolean; checked: number; head: { chainSeq: number; hash: string } | null; firstBreak: { id: string | null; chainSeq: number; reason: string; action: string | null } | null };

    it("chains every row of a team, even rows written at the same instant, and names the first row edited in the database", async () => {
      const owner = await createUser();
      const maintainer = await addMember(owner.teamId, "maintainer");
      const other = await createUser();
      const verify = (query = "", cookie = owner.cookie) => call<Verify>("GET", `/api/audit/verify${query}`, { cookie });
      // Rows from many transactions at once, with text of every kind: the chain stays one line.
      await Promise.all(INJECTIONS.slice(0, 8).map((name, i) => createFleet(i % 2 ? maintainer : owner, `${name} ${i}`)));
      await createFleet(other, "Elsewhere");
      const sql = await db();
      const seqs = await sql<{ chain_seq: string }[]>`select chain_seq from audit_log where team_id = ${owner.teamId} order by chain_seq`;
      expect(seqs.map((r) => Number(r.chain_seq))).toEqual(seqs.map((_, i) => i + 1));

      const clean = await verify();
      expect(clean.status).toBe(200);
      expect(clean.body).toMatchObject({ ok: true, checked: seqs.length, firstBreak: null, head: { chainSeq: seqs.length } });
      // Owners only: a maintainer is refused; another team's chain is not touched by ours.
      expect((await verify("", maintainer.cookie)).status).toBe(403);
      expect((await verify("", other.cookie)).body).toMatchObject({ ok: true });

      // Someone with database access rewrites what a row says.
      const [victim] = await sql<{ id: string; chain_seq: string }[]>`select id::text, chain_seq from audit_log where team_id = ${owner.teamId} order by chain_seq offset 3 limit 1`;
      if (!victim) throw new Error("no row");
      await sql`update audit_log set actor_label = 'nobody@example.test' where id = ${victim.id}`;
      const edited = await verify();
      expect(edited.body).toMatchObject({ ok: false, firstBreak: { id: victim.id, chainSeq: Number(victim.chain_seq), reason: "changed" } });
      // ... and recomputes its hash to hide it: the next row's link still names it.
      await sql`update audit_log a set hash = audit_row_digest(a.prev_hash, a) where id = ${victim.id}`;
      expect((await verify()).body.firstBreak).toMatchObject({ id: victim.id, reason: "changed" });
      expect((await verify("", other.cookie)).body).toMatchObject({ ok: true });
    });

    it("names the row after a removed one, and rows removed from the end against a recorded head", async () => {
      const owner = await createUser();
      for (const name of ["One", "Two", "Three", "Four"]) await createFleet(owner, name);
      const verify = (query = "") => call<Verify>("GET", `/api/audit/verify${query}`, { cookie: owner.cookie });
      const sql = await db();
      const rows = await sql<{ id: string; chain_seq: string }[]>`select id::text, chain_seq from audit_log where team_id = ${owner.teamId} order by chain_seq`;
      expect(rows.length).toBeGreaterThanOrEqual(4);
      expect((await verify()).body.head?.chainSeq).toBe(rows.length);
      const [, second, third] = rows;
      if (!second || !third) throw new Error("too few rows");
      await sql`delete from audit_log where id = ${second.id}`;
      expect((await verify()).body).toMatchObject({ ok: false, firstBreak: { id: third.id, reason: "removed_before" } });

      // Removing the newest row leaves a chain that fits: only a head recorded before can tell.
      const owner2 = await createUser();
      for (const name of ["Five", "Six"]) await createFleet(owner2, name);
      const head2 = (await call<Verify>("GET", "/api/audit/verify", { cookie: owner2.cookie })).body.head;
      if (!head2) throw new Error("no head");
      await sql`delete from audit_log where team_id = ${owner2.teamId} and chain_seq = ${head2.chainSeq}`;
      expect((await call<Verify>("GET", "/api/audit/verify", { cookie: owner2.cookie })).body).toMatchObject({ ok: true });
      const missing = await call<Verify>("GET", `/api/audit/verify?expectHead=${head2.chainSeq}`, { cookie: owner2.cookie });
      expect(missing.body).toMatchObject({ ok: false, firstBreak: { id: null, chainSeq: head2.chainSeq, reason: "head_missing" } });
      expect((await call("GET", "/api/audit/verify?expectHead=zero", { cookie: owner2.cookie })).status).toBe(422);
    });
  });
});
