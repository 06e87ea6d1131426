import type { Preset } from "@/lib/catalog";
import { accessMethodLabel, grantTypeLabel } from "./labels";
import { Alert } from "@/components/ui/alert";

/**
 * What the admin should know about a vendor before authorizing: the preset's description, what
 * Latchkey cannot do for it yet, its scopes with their meaning, its quirks, and which values the
 * research could not confirm.
 */
export function PresetDetails({ preset }: { preset: Preset }) {
  return (
    <div className="space-y-3 text-sm text-foreground">
      <p>
        {preset.description}{" "}
        <a href={preset.docsUrl} target="_blank" rel="noreferrer noopener" className="font-medium text-primary underline">
          {preset.name} documentation
        </a>
      </p>
      <p>
        {preset.credentialType && preset.credentialType !== "oauth2" ? (
          <span className="font-medium">No OAuth: {accessMethodLabel(preset.grantType, preset.credentialType)}.</span>
        ) : (
          <>
            <span className="font-medium">Recommended grant:</span> {grantTypeLabel(preset.grantType)}.
          </>
        )}
        {preset.grantNote ? ` ${preset.grantNote}` : ""}
      </p>
      {preset.unsupported && (
        <Alert tone="warning" role="note">
          <p>
            <span className="font-semibold">Not supported yet: </span>
            {preset.unsupported}
          </p>
        </Alert>
      )}
      {preset.scopes.length > 0 && (
        <div>
          <p className="font-medium">Scopes in this preset</p>
          <ul className="mt-1 list-disc space-y-0.5 pl-5">
            {preset.scopes.map((scope) => (
              <li key={scope.value}>
                <code className="break-all text-xs">{scope.value}</code>: {scope.meaning}
                {scope.recommended ? " (selected)" : ""}
                {scope.unconfirmed ? " Not confirmed by the vendor's documentation." : ""}
              </li>
            ))}
          </ul>
        </div>
      )}
      {(preset.metadata?.length ?? 0) > 0 && (
        <p>
          <span className="font-medium">Kept for sync jobs: </span>
          {preset.metadata!.map((field) => `${field.name} (${field.meaning})`).join("; ")}.
        </p>
      )}
      <details className="rounded-md border border-border px-3 py-2">
        <summary className="cursor-pointer font-medium text-foreground">What to know about {preset.name}</summary>
        <ul className="mt-2 list-disc space-y-1 pl-5">
          {preset.quirks.map((quirk) => (
            <li key={quirk}>{quirk}</li>
          ))}
        </ul>
        {preset.unverified.length > 0 && (
          <>
            <p className="mt-3 font-medium">Not confirmed from a vendor source</p>
            <ul className="mt-1 list-disc space-y-1 pl-5">
              {preset.unverified.map((item) => (
                <li key={item}>{item}</li>
              ))}
            </ul>
          </>
        )}
        {preset.sources.length > 0 && (
          <p className="mt-3 text-xs text-muted-foreground">
            Sources:{" "}
            {preset.sources.map((source, index) => (
              <span key={source.url}>
                {index > 0 && ", "}
                <a href={source.url} target="_blank" rel="noreferrer noopener" className="underline">
                  {source.title}
                </a>
              </span>
            ))}
          </p>
        )}
      </details>
    </div>
  );
}
