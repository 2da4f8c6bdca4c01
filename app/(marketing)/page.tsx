import { Activity, BellRing, Coins, ShieldCheck, SlidersHorizontal, TerminalSquare } from "lucide-react";
import Link from "next/link";
import { Logo } from "@/components/logo";
import { Button } from "@/components/ui/button";
import { getPageSession } from "@/lib/auth/page-session";

export const dynamic = "force-dynamic";

const FEATURES = [
  { icon: Activity, title: "Live status", text: "Every OpenClaw gateway's health, round-trip time and host load, updated as heartbeats arrive." },
  { icon: Coins, title: "Real costs", text: "Token usage and spend per model, reported by the agents themselves, not guessed." },
  { icon: BellRing, title: "Alerts that arrive", text: "Stale and offline detection with Slack, Discord, PagerDuty and signed webhooks." },
  { icon: TerminalSquare, title: "Commands", text: "Restart gateways or switch models across many hosts at once, acknowledged by each agent." },
  { icon: SlidersHorizontal, title: "Policies", text: "Fleet-wide policy delivered with every heartbeat response." },
  { icon: ShieldCheck, title: "Signed by design", text: "Agents hold Ed25519 keys; every heartbeat is a signed JWT bound to its body." },
];

export default async function LandingPage() {
  const session = await getPageSession();
  return (
    <div className="mx-auto flex min-h-dvh max-w-6xl flex-col px-4 sm:px-6">
      <header className="flex items-center justify-between py-6">
        <Logo />
        <nav aria-label="Account" className="flex gap-2">
          {session ? (
            <Button asChild><Link href="/dashboard">Open dashboard</Link></Button>
          ) : (
            <>
              <Button asChild variant="ghost"><Link href="/login">Log in</Link></Button>
              <Button asChild><Link href="/signup">Get started</Link></Button>
            </>
          )}
        </nav>
      </header>
      <main className="flex-1">
        <section className="py-16 text-center sm:py-24">
          <h1 className="mx-auto max-w-3xl text-4xl font-semibold tracking-tight sm:text-6xl">Every OpenClaw agent you run, in one calm place.</h1>
          <p className="mx-auto mt-6 max-w-2xl text-lg text-slate-600 dark:text-slate-400">
            See which gateways are alive, what they cost per model, and act on the whole fleet at once. Self-host it with one command, or let us run it.
          </p>
          <div className="mt-8 flex justify-center gap-3">
            <Button asChild size="lg"><Link href={session ? "/dashboard" : "/signup"}>{session ? "Open dashboard" : "Get started free"}</Link></Button>
            <Button asChild size="lg" variant="secondary"><a href="/api/openapi.json">API reference</a></Button>
          </div>
        </section>
        <section aria-labelledby="features" className="pb-20">
          <h2 id="features" className="sr-only">Features</h2>
          <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {FEATURES.map(({ icon: Icon, title, text }) => (
              <li key={title} className="glass rounded-2xl p-5">
                <Icon className="size-5 text-brand-600 dark:text-brand-500" aria-hidden />
                <h3 className="mt-3 font-semibold">{title}</h3>
                <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{text}</p>
              </li>
            ))}
          </ul>
        </section>
      </main>
      <footer className="py-8 text-center text-xs text-slate-500">OpenClaw Fleet · self-hostable · <Link className="underline" href="/api/health" prefetch={false}>status</Link></footer>
    </div>
  );
}
