"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { DashboardData } from "@/lib/dashboard/queries";

export const POLL_INTERVAL_MS = 4000;

export type LiveProblem = "signed_out" | "unreachable" | null;

/**
 * Keeps the dashboard's data fresh: polls `/api/dashboard?<query>` every few seconds while the
 * tab is visible (and at once when it becomes visible again). A newer server render (after an
 * action revalidates the page) wins over an older poll result, and vice versa.
 */
export function useLiveDashboard(initial: DashboardData, query: string) {
  const [latest, setLatest] = useState(initial);
  const [problem, setProblem] = useState<LiveProblem>(null);
  /** Server clock minus client clock, so countdowns match the statuses. */
  const [clockOffsetMs, setClockOffsetMs] = useState(0);
  const inFlight = useRef<AbortController | null>(null);

  /** Fetches once; false when polling should stop (signed out). */
  const refresh = useCallback(async (): Promise<boolean> => {
    inFlight.current?.abort();
    const controller = new AbortController();
    inFlight.current = controller;
    try {
      const response = await fetch(`/api/dashboard${query ? `?${query}` : ""}`, {
        cache: "no-store",
        signal: controller.signal,
        headers: { Accept: "application/json" },
      });
      if (response.status === 401) {
        setProblem("signed_out");
        return false;
      }
      if (!response.ok) throw new Error(`dashboard poll answered ${response.status}`);
      const data = (await response.json()) as DashboardData;
      setClockOffsetMs(Date.parse(data.generatedAt) - Date.now());
      setLatest(data);
      setProblem(null);
    } catch {
      if (!controller.signal.aborted) setProblem("unreachable");
    }
    return true;
  }, [query]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const schedule = () => {
      timer = setTimeout(async () => {
        const keepGoing = document.visibilityState === "hidden" ? true : await refresh();
        if (keepGoing && !stopped) schedule();
      }, POLL_INTERVAL_MS);
    };
    const onVisibility = () => {
      if (document.visibilityState === "visible") void refresh();
    };
    schedule();
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      stopped = true;
      clearTimeout(timer);
      inFlight.current?.abort();
      document.removeEventListener("visibilitychange", onVisibility);
    };
  }, [refresh]);

  const data = Date.parse(initial.generatedAt) > Date.parse(latest.generatedAt) ? initial : latest;
  return { data, problem, clockOffsetMs, refresh };
}

/** The client's clock corrected to the server's, ticking every second. Starts at `start` so server and client render alike. */
export function useTickingNow(start: number, offsetMs: number): number {
  const [now, setNow] = useState(start);
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now() + offsetMs), 1000);
    return () => clearInterval(id);
  }, [offsetMs]);
  return now;
}
