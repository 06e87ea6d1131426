"use client";

import { createContext, useContext } from "react";
import type { ExtraRequest } from "@/lib/connectors/schema";

/** A secret extra whose value is stored (sealed): the page knows only that it exists (SECURITY 42). */
export interface StoredSecretExtra {
  request: ExtraRequest;
  kind: "header" | "param";
  name: string;
}

export interface StoredSecretExtras {
  /** Keys of the rows whose value the server keeps when the field is left empty (storedExtraKey). */
  stored: ReadonlySet<string>;
  /** A vendor URL now points at another origin: nothing stored is kept, every secret value must be typed again. */
  originMoved: boolean;
}

/**
 * The service keeps a stored value by request, kind and name (lib/connectors/service.ts
 * secretExtraSealer), so a renamed row no longer has one. Names cannot hold control characters.
 */
export function storedExtraKey({ request, kind, name }: StoredSecretExtra): string {
  return `${request}\n${kind}\n${name.trim()}`;
}

export function storedExtraKeys(rows: readonly StoredSecretExtra[]): ReadonlySet<string> {
  return new Set(rows.map(storedExtraKey));
}

const StoredSecretExtrasContext = createContext<StoredSecretExtras>({ stored: new Set(), originMoved: false });

export const StoredSecretExtrasProvider = StoredSecretExtrasContext.Provider;

export function useStoredSecretExtras(): StoredSecretExtras {
  return useContext(StoredSecretExtrasContext);
}

type ExtrasValues = Record<
  ExtraRequest,
  { headers: { name: string; value: string; secret?: boolean }[]; params: { name: string; value: string; secret?: boolean }[] }
>;

/** The secret rows of extras just saved: each now has a stored value (typed, or kept). */
export function secretExtrasIn(extras: ExtrasValues): StoredSecretExtra[] {
  return (Object.keys(extras) as ExtraRequest[]).flatMap((request) => [
    ...extras[request].headers.filter((row) => row.secret).map((row) => ({ request, kind: "header" as const, name: row.name })),
    ...extras[request].params.filter((row) => row.secret).map((row) => ({ request, kind: "param" as const, name: row.name })),
  ]);
}

/** The extras with every secret value emptied: after a save the form holds none, like the page it came from. */
export function withoutSecretValues<E extends ExtrasValues>(extras: E): E {
  const blank = <R extends { value: string; secret?: boolean }>(rows: R[]) => rows.map((row) => (row.secret ? { ...row, value: "" } : row));
  return Object.fromEntries(
    (Object.keys(extras) as ExtraRequest[]).map((request) => [
      request,
      { ...extras[request], headers: blank(extras[request].headers), params: blank(extras[request].params) },
    ]),
  ) as E;
}
