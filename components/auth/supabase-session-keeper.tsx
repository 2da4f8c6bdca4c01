"use client";

import { useEffect } from "react";
import { supabaseBrowser } from "@/lib/supabase/browser";

/**
 * In Supabase Auth mode, keeps the session cookies fresh while a dashboard tab stays open without
 * navigating (the API calls it makes would otherwise meet an expired access token after an hour).
 */
export function SupabaseSessionKeeper({ url, anonKey }: { url: string; anonKey: string }) {
  useEffect(() => {
    const client = supabaseBrowser(url, anonKey);
    void client.auth.startAutoRefresh();
    return () => void client.auth.stopAutoRefresh();
  }, [url, anonKey]);
  return null;
}
