"use client";

import { DeleteConnectorButton } from "./delete-connector-button";
import { DuplicateConnectorButton } from "./duplicate-connector-button";

const linkish = "inline-flex items-center rounded-md px-2 py-1 text-sm font-medium text-indigo-800 hover:bg-indigo-50 focus-visible:outline-2 focus-visible:outline-indigo-600 disabled:text-slate-400";

export function ConnectorRowActions({ id, name }: { id: string; name: string }) {
  return (
    <div className="flex flex-wrap items-center justify-end gap-1">
      <DuplicateConnectorButton id={id} name={name} className={linkish} />
      <DeleteConnectorButton id={id} name={name} variant="secondary" />
    </div>
  );
}
