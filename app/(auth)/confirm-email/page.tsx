import type { Metadata } from "next";
import { ConfirmEmailForm } from "@/components/auth/confirm-email-form";

// The link's secret is in the fragment (#token=…), which browsers never send to a server nor in a Referer.
export const metadata: Metadata = { title: "Confirm your new e-mail address", referrer: "no-referrer" };

export default function ConfirmEmailPage() {
  return (
    <>
      <h1 className="text-xl font-semibold">Confirm your new e-mail address</h1>
      <p className="mb-6 mt-1 text-sm text-slate-600 dark:text-slate-400">The link works once. Your account&apos;s address changes when you confirm.</p>
      <ConfirmEmailForm />
    </>
  );
}
