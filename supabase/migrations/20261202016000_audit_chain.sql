-- Tamper-evident audit: every row carries its place in its team's chain (chain_seq, 1, 2, 3, ...)
-- and a SHA-256 hash over the previous row's hash and its own content, written by a trigger at
-- insert, so no code path can skip it. Changing a row, or removing one, breaks the chain from there
-- on; GET /api/audit/verify recomputes it and names the first row that no longer fits.
--
-- Rows of one team are chained one at a time (a transaction-scoped advisory lock per team, taken by
-- the first audit row of a transaction and held to its commit), so two transactions never chain onto
-- the same row. The content is hashed as a JSON array (jsonb's text is canonical), with the time as
-- microseconds since the epoch, so neither the session's time zone nor key order changes a hash.

alter table audit_log add column chain_seq bigint, add column prev_hash text, add column hash text;

create function audit_row_digest(prev text, r audit_log) returns text
language sql immutable parallel safe as $$
  select encode(sha256(convert_to(coalesce(prev, '') || jsonb_build_array(
    r.team_id, r.chain_seq, r.actor_type, r.actor_id, r.actor_label, r.action, r.target_type, r.target_id,
    r.before, r.after, r.ip, (extract(epoch from r.created_at) * 1000000)::bigint
  )::text, 'UTF8')), 'hex')
$$;

create function audit_chain() returns trigger
language plpgsql as $$
declare
  last record;
begin
  perform pg_advisory_xact_lock(7302, hashtext(new.team_id::text));
  select chain_seq, hash into last from audit_log where team_id = new.team_id and chain_seq is not null order by chain_seq desc limit 1;
  new.chain_seq := coalesce(last.chain_seq, 0) + 1;
  new.prev_hash := last.hash;
  new.hash := audit_row_digest(new.prev_hash, new);
  return new;
end
$$;

-- The rows written before: chained in id order, team by team.
do $$
declare
  r audit_log;
  prev_team uuid;
  prev text;
  n bigint;
begin
  for r in select * from audit_log order by team_id, id loop
    if prev_team is distinct from r.team_id then
      prev_team := r.team_id; prev := null; n := 0;
    end if;
    n := n + 1;
    r.chain_seq := n;
    r.prev_hash := prev;
    prev := audit_row_digest(prev, r);
    update audit_log set chain_seq = n, prev_hash = r.prev_hash, hash = prev where id = r.id;
  end loop;
end
$$;

alter table audit_log alter column chain_seq set not null, alter column hash set not null;

create trigger audit_chain before insert on audit_log for each row execute function audit_chain();
create unique index audit_log_chain_idx on audit_log (team_id, chain_seq);
