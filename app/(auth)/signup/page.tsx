import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthForm } from "@/components/auth/auth-form";
import { getPageSession } from "@/lib/auth/page-session";
import { safeNext } from "@/lib/safe-next";
import { supabaseAuthConfig } from "@/lib/supabase/config";

export const metadata: Metadata = { title: "Create your account" };
export const dynamic = "force-dynamic";

export default async function SignupPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const raw = (await searchParams).next;
  const next = typeof raw === "string" ? raw : undefined;
  if (await getPageSession()) redirect(safeNext(next));
  // With Supabase Auth, a first sign-in creates the account and its team.
  if (supabaseAuthConfig()) redirect(`/login${next ? `?next=${encodeURIComponent(next)}` : ""}`);
  return (
    <>
      <h1 className="text-xl font-semibold">Create your account</h1>
      <p className="mb-6 mt-1 text-sm text-slate-600 dark:text-slate-400">You get a team of your own; invite others later.</p>
      <AuthForm mode="signup" next={next} />
    </>
  );
}
