export const EVENTS_CHANNEL = "fleet_events";
