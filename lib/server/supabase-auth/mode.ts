import { AppError } from "@/lib/api/errors";
import { supabaseAuthConfig } from "@/lib/supabase/config";

/** The built-in password log-in and sign-up are closed when sign-in goes through Supabase Auth. */
export function assertBuiltInAccounts(): void {
  if (supabaseAuthConfig()) throw new AppError("forbidden", "Sign-in goes through Supabase Auth on this server; use the log-in page");
}
