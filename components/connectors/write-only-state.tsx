"use client";

import { createContext, useContext } from "react";
import type { WriteOnlyField } from "@/lib/connectors/records";

/** Which write-only values the saved connector holds. The values themselves never reach the page (SECURITY 10). */
export type StoredSecrets = Record<WriteOnlyField, boolean>;

export const NOTHING_STORED: StoredSecrets = { clientSecret: false, privateKey: false, apiKey: false, basicUsername: false, basicPassword: false };

/** The saved connector's key pair, for Generate key pair: where its JWKS is served and the public JWK made last (not secret). */
export interface KeyPairTarget {
  connectorId: string;
  jwksUrl: string;
  publicJwk: string | null;
}

export interface WriteOnlyState {
  stored: StoredSecrets;
  /** Counts saves: each one closes the Replace inputs again (the typed values were sent and cleared). */
  saves: number;
  /** A vendor URL moved to another origin since the last save: a stored private key must be entered again (the server checks too). */
  originMoved: boolean;
  /** Null on the new-connector page: a key pair is generated for a saved connector. */
  keyPair: KeyPairTarget | null;
  /** A value was stored outside the form's Save (Generate key pair). */
  markStored: (field: WriteOnlyField) => void;
}

const WriteOnlyContext = createContext<WriteOnlyState>({ stored: NOTHING_STORED, saves: 0, originMoved: false, keyPair: null, markStored: () => undefined });

export const WriteOnlyStateProvider = WriteOnlyContext.Provider;

export function useWriteOnlyState(): WriteOnlyState {
  return useContext(WriteOnlyContext);
}

/** What is stored after a save: what was stored before, plus each value typed in it. */
export function storedAfterSave(before: StoredSecrets, typed: Partial<Record<WriteOnlyField, string>>): StoredSecrets {
  const after = { ...before };
  for (const field of Object.keys(before) as WriteOnlyField[]) if (typed[field]) after[field] = true;
  return after;
}
