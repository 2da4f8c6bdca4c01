/**
 * When an agent counts as stale or offline, as SQL over the `agents a` row: stale once a heartbeat
 * is later than its interval plus grace, offline after five intervals plus grace.
 */
export const STALE_AFTER = "make_interval(secs => a.heartbeat_interval_s + a.grace_s)";
export const OFFLINE_AFTER = "make_interval(secs => 5 * a.heartbeat_interval_s + a.grace_s)";

/**
 * The next look for a live agent, set by each heartbeat: its stale deadline, rounded down to a step
 * of its grace (a minute at most, a second at least). Rounded down, the look never comes after the
 * deadline; by at most the grace, it never comes before the next heartbeat that arrives on time
 * (within a second without grace), so the stale check reads only agents that are really late. The step lets most heartbeats leave the
 * indexed value unchanged (HOT updates): with the default 60 s grace it moves once a minute.
 */
export const WATCH_LIVE = `date_bin(make_interval(secs => least(60, greatest(1, a.grace_s))), now(), timestamptz 'epoch') + ${STALE_AFTER}`;
