import type { Metadata } from "next";
import { GeistMono } from "geist/font/mono";
import { GeistSans } from "geist/font/sans";
import { headers } from "next/headers";
import { Toaster } from "@/components/ui/toaster";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "OpenClaw Fleet", template: "%s · OpenClaw Fleet" },
  description: "Monitor and steer fleets of OpenClaw AI agents.",
};

// Applies the saved or system theme before the first paint, so there is no flash.
const themeScript = `(() => { try {
  const t = localStorage.getItem("theme");
  const dark = t === "dark" || ((!t || t === "system") && matchMedia("(prefers-color-scheme: dark)").matches);
  document.documentElement.classList.toggle("dark", dark);
} catch {} })();`;

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // The Content-Security-Policy's nonce of this response (proxy.ts): reading it renders every page per request.
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    <html lang="en" className={`${GeistSans.variable} ${GeistMono.variable}`} suppressHydrationWarning>
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: themeScript }} />
      </head>
      <body className="font-sans">
        {children}
        <Toaster />
      </body>
    </html>
  );
}
