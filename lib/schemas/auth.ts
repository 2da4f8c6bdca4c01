import { z } from "zod";
import { Email, Id, RoleSchema, label } from "./common";

export const Password = z
  .string()
  .min(10, { message: "At least 10 characters" })
  .max(200, { message: "At most 200 characters" });

export const SignupInput = z.strictObject({ email: Email, password: Password, name: label(100, 0).optional() });
export const LoginInput = z.strictObject({ email: Email, password: z.string().min(1).max(200) });

export const User = z.object({ id: Id, email: z.string(), name: z.string(), createdAt: z.string() }).meta({ id: "User" });
export const TeamSummary = z.object({ id: Id, name: z.string(), role: RoleSchema, personal: z.boolean() }).meta({ id: "TeamSummary" });

export const SignupResponse = z.object({ user: User, team: TeamSummary });
export const LoginResponse = z.object({ user: User });
export const MeResponse = z.object({ user: User, teams: z.array(TeamSummary), activeTeamId: Id.nullable() });
export const ActiveTeamInput = z.strictObject({ teamId: Id });
export const ActiveTeamResponse = z.object({ activeTeamId: Id });

export type SignupInput = z.infer<typeof SignupInput>;
export type LoginInput = z.infer<typeof LoginInput>;
export type User = z.infer<typeof User>;
export type TeamSummary = z.infer<typeof TeamSummary>;
