-- One-time password reset links: only the SHA-256 of the secret is kept, valid 30 minutes, used at
-- most once (used_at). Made by an owner for a member of their team (team_id, created_by) or by a
-- self-hosted operator from the command line (both null).

create table password_resets (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id) on delete cascade,
  token_hash bytea not null unique,
  team_id uuid references teams (id) on delete set null,
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz
);
create index password_resets_user_idx on password_resets (user_id);

alter table password_resets enable row level security;
