-- Billing: each team's Stripe subscription, and the Stripe events already applied (by event id),
-- so that a webhook delivered twice changes nothing the second time.
create table billing_subscriptions (
  team_id uuid primary key references teams (id) on delete cascade,
  stripe_customer_id text unique,
  stripe_subscription_id text unique,
  plan text not null default 'free' check (plan in ('free', 'team', 'business')),
  status text check (status in ('trialing', 'active', 'past_due', 'canceled')),
  current_period_end timestamptz,
  past_due_since timestamptz,
  -- The creation time of the newest Stripe event applied: older ones arriving late are ignored.
  last_event_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table stripe_events (
  id text primary key,
  type text not null,
  team_id uuid references teams (id) on delete set null,
  received_at timestamptz not null default now()
);
create index stripe_events_received_idx on stripe_events (received_at);

alter table billing_subscriptions enable row level security;
alter table stripe_events enable row level security;
