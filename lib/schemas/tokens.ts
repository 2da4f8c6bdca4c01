import { z } from "zod";
import { Id, RoleSchema, label } from "./common";

export const TokenCreateInput = z.strictObject({
  name: label(100),
  role: RoleSchema.optional().describe("At most the creator's role; defaults to it"),
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});
export const ApiToken = z
  .object({
    id: Id,
    name: z.string(),
    role: RoleSchema,
    prefix: z.string(),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    expiresAt: z.string().nullable(),
  })
  .meta({ id: "ApiToken" });
export const TokenCreateResponse = z.object({ token: z.string().describe("The secret, shown once"), apiToken: ApiToken });
export const TokenListResponse = z.object({ apiTokens: z.array(ApiToken), nextCursor: z.string().nullable() });

export type ApiToken = z.infer<typeof ApiToken>;
export type TokenCreateInput = z.infer<typeof TokenCreateInput>;
