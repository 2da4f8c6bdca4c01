-- Custom metric plugins: the agent's latest plugin reports (name, ok, error, durationMs) as its last
-- heartbeat carried them, and alert rules on a custom metric (a key of heartbeats.custom).
alter table agents add column plugins jsonb;

alter table alert_rules add column metric text
  check (metric is null or metric ~ '^[A-Za-z0-9_.-]{1,64}$');
alter table alert_rules drop constraint alert_rules_kind_check;
alter table alert_rules add constraint alert_rules_kind_check check (kind in ('agent_stale', 'agent_offline', 'gateway_unhealthy',
  'gateway_rtt', 'cpu', 'memory', 'memory_pressure', 'daily_spend', 'custom'));
-- A custom rule names its metric; no other kind has one.
alter table alert_rules add constraint alert_rules_custom_metric_check check ((kind = 'custom') = (metric is not null));
