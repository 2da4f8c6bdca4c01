-- An agent's effective policy revision is the newest current revision of its levels (team, fleet,
-- itself) or the moment it last changed fleet, whichever is larger. The move draws its number from
-- the revisions' own sequence, so a move that changes the merged document always changes the number
-- the agent is compared with, even when the team's revision is the newest on both sides.
alter table agents add column policy_epoch bigint not null default 0;
