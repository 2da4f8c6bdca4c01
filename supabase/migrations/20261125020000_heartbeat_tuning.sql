-- Agents rows are rewritten on every heartbeat: leave room on each page so the update stays on the
-- same page (HOT) without touching the indexes, none of which covers the columns a heartbeat changes.
alter table agents set (fillfactor = 50);
alter table used_jtis set (fillfactor = 90);
