-- E-mail through SMTP: a transactional outbox of mails (their content encrypted at rest, since a
-- reset or confirmation link is a secret, and cleared once sent), pending e-mail address changes
-- (only the SHA-256 of the link's secret), the devices each person signed in from (a random cookie,
-- only its SHA-256 kept) and the e-mail alert channel.

create table mail_outbox (
  id uuid primary key default gen_random_uuid(),
  kind text not null,
  recipient text not null,
  content_encrypted text,
  status text not null default 'pending' check (status in ('pending', 'sent', 'failed')),
  attempts int not null default 0,
  next_attempt_at timestamptz not null default now(),
  last_error text,
  created_at timestamptz not null default now(),
  sent_at timestamptz
);
create index mail_outbox_due_idx on mail_outbox (next_attempt_at) where status = 'pending';

create table email_changes (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id) on delete cascade,
  new_email text not null check (char_length(new_email) between 3 and 254),
  token_hash bytea not null unique,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz
);
create index email_changes_user_idx on email_changes (user_id);

create table known_devices (
  user_id uuid not null references users (id) on delete cascade,
  device_hash bytea not null,
  first_seen_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  primary key (user_id, device_hash)
);

alter table alert_channels drop constraint if exists alert_channels_type_check;
alter table alert_channels add constraint alert_channels_type_check check (type in ('slack', 'discord', 'pagerduty', 'webhook', 'email'));

alter table mail_outbox enable row level security;
alter table email_changes enable row level security;
alter table known_devices enable row level security;
