-- A fleet move moves the agent's policy epoch (20261202015000_policy_epoch.sql) in the database
-- itself, as it moves its secrets epoch: every way of moving an agent (its own edit, a bulk move,
-- anything later) changes the revision the agent is compared with, with no code path to forget.
create function agents_policy_epoch() returns trigger language plpgsql as $$
begin
  new.policy_epoch := nextval('policy_revision_ids');
  return new;
end
$$;
create trigger agents_policy_epoch before update of fleet_id on agents
  for each row when (old.fleet_id is distinct from new.fleet_id) execute function agents_policy_epoch();
