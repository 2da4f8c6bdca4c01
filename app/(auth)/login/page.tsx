import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthForm } from "@/components/auth/auth-form";
import { PasskeyOption } from "@/components/account/two-factor/passkey-option";
import { getPageSession } from "@/lib/auth/page-session";
import { safeNext } from "@/lib/safe-next";
import { SupabaseLogin } from "@/components/auth/supabase-login";
import { supabaseAuthConfig } from "@/lib/supabase/config";

export const metadata: Metadata = { title: "Log in" };
export const dynamic = "force-dynamic";

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string | string[]; error?: string | string[] }> }) {
  const params = await searchParams;
  const raw = params.next;
  const next = typeof raw === "string" ? raw : undefined;
  if (await getPageSession()) redirect(safeNext(next));
  const supabase = supabaseAuthConfig();
  if (supabase) return <SupabaseLogin config={supabase} next={next} error={params.error} />;
  return (
    <>
      <h1 className="text-xl font-semibold">Welcome back</h1>
      <p className="mb-6 mt-1 text-sm text-slate-600 dark:text-slate-400">Log in to see your fleets.</p>
      <AuthForm mode="login" next={next} />
      <PasskeyOption next={next} />
      <p className="mt-3 text-center text-sm">
        <Link className="text-slate-600 hover:underline dark:text-slate-400" href="/forgot-password">Forgot password?</Link>
      </p>
    </>
  );
}
