import { z } from "zod";
import { Id } from "./common";

export const ModelRef = z.string().max(200).regex(/^[A-Za-z0-9._-]+\/[A-Za-z0-9._:@-]+$/, { message: "Use provider/model, e.g. anthropic/claude-sonnet-4-5" });

export const CommandCreateInput = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("restart"), args: z.strictObject({}).default({}) }),
  z.strictObject({ type: z.literal("set_model"), args: z.strictObject({ model: ModelRef }) }),
  z.strictObject({
    type: z.literal("clear_session_models"),
    args: z.strictObject({ keep: ModelRef.describe("Sessions pinned to this model keep it; every other pin is cleared (sessions.patchMany {model: null})") }),
  }),
  z.strictObject({
    type: z.literal("apply_config"),
    args: z.strictObject({ config: z.record(z.string().max(100), z.unknown()) }),
  }),
]);
export const COMMAND_STATUSES = ["pending", "delivered", "done", "failed", "expired"] as const;

export const Command = z
  .object({
    id: Id,
    agentId: Id,
    type: z.string(),
    args: z.record(z.string(), z.unknown()),
    status: z.enum(COMMAND_STATUSES),
    createdAt: z.string(),
    deliveredAt: z.string().nullable(),
    ackedAt: z.string().nullable(),
    resultMessage: z.string().nullable(),
  })
  .meta({ id: "Command" });
export const CommandResponse = z.object({ command: Command });
export const CommandListResponse = z.object({ commands: z.array(Command), nextCursor: z.string().nullable() });

export type CommandCreateInput = z.infer<typeof CommandCreateInput>;
export type Command = z.infer<typeof Command>;
