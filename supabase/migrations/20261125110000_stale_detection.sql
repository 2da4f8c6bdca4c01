-- Stale detection touches only the agents that may have changed: `watch_at` is when an agent next
-- needs looking at (null when nothing can happen to it: pending, paused, offline). Heartbeats move
-- it at most once a minute (it is the minute of the last heartbeat plus interval and grace), so
-- most heartbeat updates stay HOT while the check reads a small index range.
alter table agents add column watch_at timestamptz;
create index agents_watch_idx on agents (watch_at) where watch_at is not null;
update agents set watch_at = coalesce(last_seen_at, now()) + make_interval(secs => heartbeat_interval_s + grace_s)
  where status in ('online', 'degraded', 'stale');

-- How long heartbeat history is kept, per team (whole days).
alter table teams add column heartbeat_retention_days integer not null default 30
  check (heartbeat_retention_days between 1 and 400);

-- The scheduler's memory: when each job last ran, so that several instances run each job once.
create table job_runs (
  job text primary key,
  last_started_at timestamptz not null,
  last_finished_at timestamptz,
  last_result jsonb,
  runs bigint not null default 0
);
alter table job_runs enable row level security;

