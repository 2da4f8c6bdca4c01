-- Creating a day's partition when rows for that day already sit in the default partition (history
-- written while no partition existed, e.g. after a long stop): the rows move into the new partition
-- before it is attached, instead of the creation failing.
create or replace function ensure_heartbeat_partitions(from_day date, days integer) returns void
language plpgsql as $$
declare
  d date;
  name text;
begin
  for i in 0 .. days - 1 loop
    d := from_day + i;
    name := 'heartbeats_' || to_char(d, 'YYYYMMDD');
    if to_regclass(name) is null then
      execute format('create table %I (like heartbeats including defaults including constraints)', name);
      execute format('with moved as (delete from heartbeats_default where received_at >= %L and received_at < %L returning *) insert into %I select * from moved',
        d, d + 1, name);
      execute format('alter table heartbeats attach partition %I for values from (%L) to (%L)', name, d, d + 1);
      execute format('alter table %I enable row level security', name);
    end if;
  end loop;
end $$;
