// Sign-in through Supabase Auth against a real project: `npx tsx scripts/check-supabase-auth.ts`
// with NEXT_PUBLIC_SUPABASE_URL, NEXT_PUBLIC_SUPABASE_ANON_KEY, SUPABASE_CHECK_EMAIL and
// SUPABASE_CHECK_PASSWORD (a test user of the project), and SUPABASE_JWT_SECRET for a legacy project.
import { checkSupabaseAuth } from "@/lib/server/supabase-auth/check";

const need = ["NEXT_PUBLIC_SUPABASE_URL", "NEXT_PUBLIC_SUPABASE_ANON_KEY", "SUPABASE_CHECK_EMAIL", "SUPABASE_CHECK_PASSWORD"] as const;
const missing = need.filter((name) => !process.env[name]);
if (missing.length) {
  console.error(`Set ${missing.join(", ")} to check sign-in through Supabase Auth.`);
  process.exit(2);
}
const env = (name: (typeof need)[number]) => process.env[name] ?? "";
const steps = await checkSupabaseAuth({
  url: env("NEXT_PUBLIC_SUPABASE_URL"),
  anonKey: env("NEXT_PUBLIC_SUPABASE_ANON_KEY"),
  email: env("SUPABASE_CHECK_EMAIL"),
  password: env("SUPABASE_CHECK_PASSWORD"),
  jwtSecret: process.env.SUPABASE_JWT_SECRET || undefined,
});
for (const s of steps) console.log(`${s.ok ? "ok  " : "FAIL"} ${s.step}: ${s.detail}`);
process.exit(steps.every((s) => s.ok) && steps.at(-1)?.step === "sign-out" ? 0 : 1);
