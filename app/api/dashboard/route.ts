/**
 * What the dashboard polls every few seconds: the same data as the page, for the same search
 * parameters, as non-secret DTOs (lib/dashboard/queries.ts). Viewers may read it.
 */
import { NextResponse } from "next/server";
import { sessionRoute } from "@/lib/auth/route";
import { getDb } from "@/lib/db";
import { parseDashboardParams } from "@/lib/dashboard/params";
import { getDashboard } from "@/lib/dashboard/queries";

export const dynamic = "force-dynamic";

export const GET = sessionRoute("viewer", async (request) => {
  const params = parseDashboardParams(new URL(request.url).searchParams);
  const data = await getDashboard(getDb(), params, new Date());
  return NextResponse.json(data, { headers: { "Cache-Control": "no-store" } });
});
