import type { Metadata } from "next";
import { cookies } from "next/headers";
import Link from "next/link";
import { redirect } from "next/navigation";
import { CodeStep } from "@/components/account/two-factor/code-step";
import { getPageSession } from "@/lib/auth/page-session";
import { safeNext } from "@/lib/safe-next";
import { PENDING_COOKIE } from "@/lib/server/two-factor/pending";
import { pendingFactors } from "@/lib/server/two-factor/pending-factors";

export const metadata: Metadata = { title: "Two-factor sign-in" };
export const dynamic = "force-dynamic";

export default async function TwoFactorStepPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const raw = (await searchParams).next;
  const next = typeof raw === "string" ? raw : undefined;
  if (await getPageSession()) redirect(safeNext(next));
  const factors = await pendingFactors((await cookies()).get(PENDING_COOKIE)?.value);
  if (!factors) redirect(`/login${next ? `?next=${encodeURIComponent(next)}` : ""}`);
  return (
    <>
      <h1 className="text-xl font-semibold">Two-factor sign-in</h1>
      <p className="mb-6 mt-1 text-sm text-slate-600 dark:text-slate-400">
        {factors.totp ? "Enter the code from your authenticator app" : "Use your passkey"}, or one of your recovery codes. This step expires 5 minutes after your password.
      </p>
      <CodeStep next={next} totp={factors.totp} passkey={factors.passkey} />
      <p className="mt-6 text-center text-sm">
        <Link className="font-medium text-brand-600 hover:underline dark:text-brand-500" href="/login">Start again</Link>
      </p>
    </>
  );
}
