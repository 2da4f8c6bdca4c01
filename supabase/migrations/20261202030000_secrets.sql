-- Team secrets (model provider keys, environment values for the gateway) at team, fleet or agent
-- level, encrypted under the keyring (lib/crypto/secrets.ts) with the row's identity as AAD, and
-- delivered to each agent sealed to its own X25519 key. Every change takes a version from one
-- global sequence; a deletion keeps its row as a tombstone with a new version, so an agent's
-- effective version (the greatest version among its three levels and its own epoch) moves with
-- every change it must converge on.
create sequence secret_versions;

create table secrets (
  id uuid primary key,
  team_id uuid not null references teams (id) on delete cascade,
  scope_type text not null check (scope_type in ('team', 'fleet', 'agent')),
  -- The team, fleet or agent (no foreign key: a tombstone outlives a deleted fleet or agent).
  target_id uuid not null,
  -- OpenClaw's env SecretRef id rule, so a name works as a variable and as a SecretRef id.
  name text not null check (name ~ '^[A-Z][A-Z0-9_]{0,127}$'),
  ciphertext text,
  -- The value's last four characters when it has at least twelve, else null: never more.
  mask_hint text check (char_length(mask_hint) = 4),
  description text not null default '' check (char_length(description) <= 500),
  version bigint not null default nextval('secret_versions'),
  created_by uuid references users (id) on delete set null,
  updated_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz,
  check ((scope_type = 'team') = (target_id = team_id)),
  check ((deleted_at is null) = (ciphertext is not null)),
  check (deleted_at is null or mask_hint is null)
);
create unique index secrets_live_name_idx on secrets (team_id, target_id, name) where deleted_at is null;
-- The heartbeat's check: the greatest version of each of an agent's three levels, one index probe each.
create index secrets_version_idx on secrets (team_id, target_id, version);

-- The agent's X25519 public key (from its signed heartbeats), the version it runs and how its last
-- attempt went; the epoch moves the agent's effective version when it changes fleet.
alter table agents add column box_key text, add column secrets_version bigint not null default 0,
  add column secrets_status jsonb, add column secrets_epoch bigint not null default 0;

create function agents_secrets_epoch() returns trigger language plpgsql as $$
begin
  new.secrets_epoch := nextval('secret_versions');
  return new;
end $$;
create trigger agents_secrets_epoch before update of fleet_id on agents
  for each row when (old.fleet_id is distinct from new.fleet_id) execute function agents_secrets_epoch();

alter table secrets enable row level security;
