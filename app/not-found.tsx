import Link from "next/link";
import { Button } from "@/components/ui/button";

export default function NotFound() {
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center gap-4 px-4 text-center">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="text-slate-600 dark:text-slate-400">This page does not exist, or it belongs to a team you are not in.</p>
      <Button asChild><Link href="/dashboard">Back to the dashboard</Link></Button>
    </main>
  );
}
