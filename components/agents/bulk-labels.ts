import type { BatchAction, BulkAction } from "@/lib/schemas/batches";

/** Each bulk action as the buttons, dialogs and progress pages name it. */
export const ACTION_LABEL: Record<BatchAction, string> = {
  restart: "Restart gateway",
  set_model: "Set model",
  apply_config: "Apply config",
  pause: "Pause",
  resume: "Resume",
  snooze: "Snooze alerts",
  move: "Move to fleet",
  clear_session_models: "Clear session model pins",
};

/** What happens, in one sentence, for the confirmation dialog. */
export const ACTION_EFFECT: Record<BulkAction, string> = {
  restart: "Each agent restarts its OpenClaw gateway when its next heartbeat picks up the command.",
  set_model: "Each agent switches its gateway's model when its next heartbeat picks up the command.",
  apply_config: "Each agent patches its gateway's config (objects merge, null deletes) when its next heartbeat picks up the command.",
  pause: "Monitoring stops for each agent (maintenance): no status changes, no alerts.",
  resume: "Monitoring resumes for each paused agent.",
  snooze: "Alerts for each agent are still recorded but not sent until the snooze ends.",
  move: "Each agent moves to the chosen fleet.",
};

/** "Set model anthropic/claude-sonnet-4-5", "Snooze alerts 4 h": the action with its main argument. */
export function describeBatch(batch: { action: BatchAction; args: Record<string, unknown> }): string {
  const { model, minutes, keep } = batch.args;
  if (batch.action === "clear_session_models" && typeof keep === "string") return `Clear session pins to models other than ${keep}`;
  if (batch.action === "set_model" && typeof model === "string") return `Set model ${model}`;
  if (batch.action === "snooze" && typeof minutes === "number") return `Snooze alerts ${minutes >= 60 && minutes % 60 === 0 ? `${minutes / 60} h` : `${minutes} min`}`;
  return ACTION_LABEL[batch.action];
}
