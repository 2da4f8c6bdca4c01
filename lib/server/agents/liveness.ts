/**
 * When an agent counts as stale or offline, as SQL over the `agents a` row: stale once a heartbeat
 * is later than its interval plus grace, offline after five intervals plus grace.
 */
export const STALE_AFTER = "make_interval(secs => a.heartbeat_interval_s + a.grace_s)";
export const OFFLINE_AFTER = "make_interval(secs => 5 * a.heartbeat_interval_s + a.grace_s)";

/** The next look for a live agent: the minute of its last heartbeat plus interval and grace (moves once a minute). */
export const WATCH_LIVE = `date_bin('1 minute', now(), timestamptz 'epoch') + ${STALE_AFTER}`;
