-- Two-factor sign-in: TOTP (the secret sealed under ENCRYPTION_KEYS, the last accepted time step kept
-- so a code counts once), recovery codes (SHA-256 only, each used once), passkeys (WebAuthn public
-- keys and signature counters), the one-time challenges they answer, and the pending sign-in a
-- correct password opens for five minutes until the second factor is given.

create table user_totp (
  user_id uuid primary key references users (id) on delete cascade,
  secret_sealed text not null,
  confirmed_at timestamptz,
  last_step bigint,
  created_at timestamptz not null default now()
);

create table recovery_codes (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id) on delete cascade,
  code_hash bytea not null unique,
  created_at timestamptz not null default now(),
  used_at timestamptz
);
create index recovery_codes_user_idx on recovery_codes (user_id);

create table passkeys (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id) on delete cascade,
  credential_id text not null unique,
  public_key bytea not null,
  counter bigint not null default 0,
  transports text[] not null default '{}',
  name text not null check (char_length(name) between 1 and 100),
  backed_up boolean not null default false,
  created_at timestamptz not null default now(),
  last_used_at timestamptz
);
create index passkeys_user_idx on passkeys (user_id);

create table pending_sign_ins (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id) on delete cascade,
  token_hash bytea not null unique,
  ip text not null,
  user_agent text not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz
);
create index pending_sign_ins_user_idx on pending_sign_ins (user_id);

-- purpose: register (a signed-in person adds a passkey), sign_in (password-less, any passkey),
-- second_factor (the person of a pending sign-in).
create table webauthn_challenges (
  id uuid primary key default gen_random_uuid(),
  challenge_hash bytea not null unique,
  purpose text not null check (purpose in ('register', 'sign_in', 'second_factor')),
  user_id uuid references users (id) on delete cascade,
  pending_id uuid references pending_sign_ins (id) on delete cascade,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz
);
create index webauthn_challenges_expires_idx on webauthn_challenges (expires_at);

alter table teams add column require_two_factor boolean not null default false;

alter table user_totp enable row level security;
alter table recovery_codes enable row level security;
alter table passkeys enable row level security;
alter table pending_sign_ins enable row level security;
alter table webauthn_challenges enable row level security;
