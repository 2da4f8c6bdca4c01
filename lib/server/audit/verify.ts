import type { TeamContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import type { AuditVerifyResponse } from "@/lib/schemas/audit";

const PAGE = 5_000;

type Row = { id: string; chain_seq: string; prev_hash: string | null; hash: string; recomputed: string; action: string; created_at: Date };

/**
 * Walks the team's audit chain in order (owners), recomputing every row's hash from the row before
 * it, in one consistent snapshot, a page at a time. Names the first row whose content or hash was
 * changed, or before which rows were removed; with `expectHead`, rows removed from the end too.
 */
export async function verifyAudit(ctx: TeamContext, expectHead?: number): Promise<AuditVerifyResponse> {
  assertCan(ctx, "audit:verify");
  const sql = await db();
  return sql.begin("isolation level repeatable read read only", async (tx) => {
    let checked = 0;
    let prev = null as { seq: number; hash: string; at: { id: string; chainSeq: number; action: string; createdAt: string } } | null;
    let head: AuditVerifyResponse["head"] = null;
    for (;;) {
      const rows: Row[] = await tx<Row[]>`
        select a.id::text, a.chain_seq, a.prev_hash, a.hash, audit_row_digest(a.prev_hash, a) as recomputed, a.action, a.created_at
        from audit_log a where a.team_id = ${ctx.team.id} and a.chain_seq > ${prev?.seq ?? 0}
        order by a.chain_seq limit ${PAGE}`;
      for (const row of rows) {
        const seq = Number(row.chain_seq);
        checked += 1;
        const at = { id: row.id, chainSeq: seq, action: row.action, createdAt: row.created_at.toISOString() };
        // The first row must start the chain and every other follow the row before it: a gap is rows removed.
        if (seq !== (prev?.seq ?? 0) + 1) return { ok: false, checked, head: null, firstBreak: { ...at, reason: "removed_before" } };
        // A row whose hash was recomputed after an edit fits itself, but no longer the link its successor recorded.
        if (row.prev_hash !== (prev?.hash ?? null)) {
          return { ok: false, checked, head: null, firstBreak: prev ? { ...prev.at, reason: "changed" } : { ...at, reason: "changed" } };
        }
        if (row.recomputed !== row.hash) return { ok: false, checked, head: null, firstBreak: { ...at, reason: "changed" } };
        prev = { seq, hash: row.hash, at };
        head = { chainSeq: seq, hash: row.hash, createdAt: at.createdAt };
      }
      if (rows.length < PAGE) break;
    }
    if (expectHead !== undefined && (head?.chainSeq ?? 0) < expectHead) {
      const seq = (head?.chainSeq ?? 0) + 1;
      return { ok: false, checked, head, firstBreak: { id: null, chainSeq: seq, reason: "head_missing", action: null, createdAt: null } };
    }
    return { ok: true, checked, head, firstBreak: null };
  });
}
