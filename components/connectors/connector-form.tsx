"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState } from "react";
import { FormProvider, useForm, useWatch, type FieldErrors } from "react-hook-form";
import { createConnectorAction, updateConnectorAction } from "@/lib/connector-admin/actions";
import { connectorSchema, type ConnectorFormValues, type ConnectorInput } from "@/lib/connectors/schema";
import { ORIGIN_CHANGED_SECRET_MESSAGE, VENDOR_URL_FIELDS, vendorUrlsWithNewOrigin, type VendorUrls } from "@/lib/connectors/vendor-origins";
import { applyActionErrors } from "@/components/forms/apply-action-errors";
import { Button } from "@/components/ui/button";
import { AdvancedSection } from "./advanced-section";
import { CredentialFields } from "./credential-fields";
import { DeleteConnectorButton } from "./delete-connector-button";
import { DuplicateConnectorButton } from "./duplicate-connector-button";
import { errorPaths, hiddenProblems, touchesAdvanced } from "./form-problems";
import { LEAVE_MESSAGE, UnsavedChangesGuard } from "./unsaved-changes-guard";
import { presetById } from "@/lib/catalog";
import { fieldsFromPreset, presetFilledValues } from "@/lib/connectors/preset-values";
import { connectorPath } from "@/lib/connectors/paths";
import { PresetMarksProvider } from "./preset-marks";
import { VendorSection } from "./vendor-section";
import { NOTHING_STORED, storedAfterSave, WriteOnlyStateProvider, type StoredSecrets } from "./write-only-state";
import { secretExtrasIn, storedExtraKeys, StoredSecretExtrasProvider, withoutSecretValues, type StoredSecretExtra } from "./stored-secret-extras";
import { FormError, FormSuccess } from "@/components/ui/form-field";
import { Alert } from "@/components/ui/alert";

type Failure = { ok: false; formError?: string; fieldErrors?: Record<string, string[]> };

export interface ConnectorFormProps {
  /** Absent for a new connector. */
  connector?: {
    id: string;
    savedName: string;
    hasClientSecret: boolean;
    storedSecretExtras?: StoredSecretExtra[];
    storedSecrets?: StoredSecrets;
    jwksUrl?: string;
    publicJwk?: string | null;
  };
  initialValues: ConnectorFormValues;
  allowLoopback: boolean;
  redirectUri: string;
  canEdit: boolean;
}

const CHECK_FIELDS = "Some values need attention: each problem is described next to its field.";
/** Write-only values are sent once, then cleared from the form (SECURITY 10). */
const BLANK_WRITE_ONLY = { clientSecret: "", privateKey: "", apiKey: "", basicUsername: "", basicPassword: "" };

function vendorUrlsOf(values: Partial<Record<keyof VendorUrls, string | undefined>>): VendorUrls {
  return { authUrl: values.authUrl ?? "", tokenUrl: values.tokenUrl ?? "", refreshUrl: values.refreshUrl ?? "", revocationUrl: values.revocationUrl ?? "" };
}

/**
 * The connector form: react-hook-form with the one shared schema (lib/connectors/schema.ts) on
 * the client, the same schema again in the server action; server field errors land on the same
 * fields. The Client Secret is write-only and reset after every save.
 */
export function ConnectorForm({ connector, initialValues, allowLoopback, redirectUri, canEdit }: ConnectorFormProps) {
  const router = useRouter();
  const schema = useMemo(() => connectorSchema({ allowLoopback }), [allowLoopback]);
  const form = useForm<ConnectorFormValues, unknown, ConnectorInput>({ resolver: zodResolver(schema), defaultValues: initialValues });
  const { handleSubmit, setError, reset, getValues, formState } = form;
  const [formError, setFormError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [secretSet, setSecretSet] = useState(connector?.hasClientSecret ?? false);
  const [replacing, setReplacing] = useState(false);
  const [created, setCreated] = useState(false);
  // The saved vendor URLs: moving one to another origin needs the secret again (vendor-origins.ts); the server checks it too.
  const [savedUrls, setSavedUrls] = useState(() => vendorUrlsOf(initialValues));
  const [authUrl, tokenUrl, refreshUrl, revocationUrl] = useWatch({ control: form.control, name: [...VENDOR_URL_FIELDS] });
  const originMoved = Boolean(connector) && vendorUrlsWithNewOrigin(savedUrls, vendorUrlsOf({ authUrl, tokenUrl, refreshUrl, revocationUrl })).length > 0;
  const secretAgain = secretSet && originMoved;
  // The other write-only values (private key, API key, user name, password): which are stored, and a count of saves that closes their Replace.
  const [stored, setStored] = useState<StoredSecrets>(
    () => connector?.storedSecrets ?? { ...NOTHING_STORED, clientSecret: connector?.hasClientSecret ?? false },
  );
  const [saves, setSaves] = useState(0);
  const writeOnly = useMemo(
    () => ({
      stored,
      saves,
      originMoved,
      keyPair: connector?.jwksUrl ? { connectorId: connector.id, jwksUrl: connector.jwksUrl, publicJwk: connector.publicJwk ?? null } : null,
      markStored: (field: keyof StoredSecrets) => setStored((before) => ({ ...before, [field]: true })),
    }),
    [stored, saves, originMoved, connector],
  );
  // Secret extras with a stored value (SECURITY 42): the rows show "Stored", never the value.
  const [storedExtras, setStoredExtras] = useState(() => storedExtraKeys(connector?.storedSecretExtras ?? []));
  const secretExtras = useMemo(() => ({ stored: storedExtras, originMoved }), [storedExtras, originMoved]);
  const { resetField } = form;
  useEffect(() => {
    // URLs back on their saved origins and no Replace asked for: a secret typed meanwhile must not be saved unseen.
    if (!secretAgain && !replacing) resetField("clientSecret");
  }, [secretAgain, replacing, resetField]);
  const advanced = useRef<HTMLDetailsElement>(null);
  // Every field has a default value, so the watched values are complete.
  const watched = useWatch({ control: form.control }) as ConnectorFormValues;
  const preset = presetById(watched.presetId);
  const presetMarks = useMemo(
    () => (preset ? fieldsFromPreset(watched, presetFilledValues(preset, watched.presetVariables ?? {})) : new Set<string>()),
    [preset, watched],
  );

  /** Opens the advanced section when it holds an error, so focus and eyes can reach it. */
  const reveal = (paths: string[]): string | null => {
    if (touchesAdvanced(paths) && advanced.current) advanced.current.open = true;
    return hiddenProblems(paths, getValues());
  };

  const showServerErrors = (result: Failure, prefix: string) => {
    const knownFields = Object.keys(initialValues);
    const message = applyActionErrors(result, setError, knownFields, prefix);
    const paths = Object.keys(result.fieldErrors ?? {}).map((path) => (path.startsWith(prefix) ? path.slice(prefix.length) : path));
    setFormError(reveal(paths) ?? message ?? CHECK_FIELDS);
  };

  const onInvalid = (errors: FieldErrors<ConnectorFormValues>) => {
    setSaved(null);
    setFormError(reveal(errorPaths(errors)) ?? CHECK_FIELDS);
  };

  const onValid = async (values: ConnectorInput) => {
    setFormError(null);
    setSaved(null);
    try {
      if (!connector) {
        const result = await createConnectorAction(values);
        if (!result.ok) return showServerErrors(result, "");
        setCreated(true);
        router.push(connectorPath(result.data.id, "configuration", { created: "1" })); // beside the Redirect URI to register
        return;
      }
      if (secretAgain && !values.clientSecret) {
        setError("clientSecret", { type: "required", message: ORIGIN_CHANGED_SECRET_MESSAGE }, { shouldFocus: true });
        return setFormError(CHECK_FIELDS);
      }
      const result = await updateConnectorAction({ id: connector.id, values });
      if (!result.ok) return showServerErrors(result, "values.");
      if (values.clientSecret) setSecretSet(true);
      setReplacing(false);
      setSavedUrls(vendorUrlsOf(values));
      setStoredExtras(storedExtraKeys(secretExtrasIn(values.extras)));
      setStored((before) => storedAfterSave(before, values));
      setSaves((count) => count + 1);
      reset({ ...values, ...BLANK_WRITE_ONLY, extras: withoutSecretValues(values.extras) });
      setSaved(
        result.data.originChanged.length
          ? "Saved. The vendor URLs moved to another origin, so the stored tokens were revoked at the old vendor and removed: authorize again."
          : result.data.changed.length
            ? "Saved"
            : "Saved (nothing had changed)",
      );
    } catch {
      setFormError("Could not reach Latchkey. Nothing was saved; try again.");
    }
  };

  const submitting = formState.isSubmitting;
  return (
    <FormProvider {...form}>
      <PresetMarksProvider value={presetMarks}>
        <UnsavedChangesGuard dirty={canEdit && formState.isDirty && !created} />
        <form onSubmit={(event) => handleSubmit(onValid, onInvalid)(event)} noValidate aria-label="Connector settings" className="space-y-6">
          {!canEdit && (
            <Alert tone="neutral" role="note">
              Read only: only admins can change connectors.
            </Alert>
          )}
          {(!connector || initialValues.presetId) && (
            <fieldset disabled={!canEdit} className="min-w-0">
              <VendorSection choosable={!connector} savedVersion={initialValues.presetVersion ?? null} />
            </fieldset>
          )}
          <WriteOnlyStateProvider value={writeOnly}>
            <CredentialFields readOnly={!canEdit} redirectUri={redirectUri} secret={{ secretSet, replacing, onReplacingChange: setReplacing, secretAgain }} />
          </WriteOnlyStateProvider>
          <fieldset disabled={!canEdit} className="min-w-0">
            <StoredSecretExtrasProvider value={secretExtras}>
              <AdvancedSection detailsRef={advanced} />
            </StoredSecretExtrasProvider>
          </fieldset>
          {canEdit && (
            <div className="space-y-3">
              <FormError message={formError} />
              <FormSuccess message={saved} />
              <div className="flex flex-wrap items-center gap-3">
                <Button type="submit" disabled={submitting}>
                  {submitting ? "Saving…" : "Save"}
                </Button>
                {connector && (
                  <div className="ml-auto flex flex-wrap items-center gap-2">
                    <DuplicateConnectorButton
                      id={connector.id}
                      name={connector.savedName}
                      unsavedWarning={formState.isDirty ? `The copy is made from the saved version. ${LEAVE_MESSAGE}` : undefined}
                    />
                    <DeleteConnectorButton id={connector.id} name={connector.savedName} />
                  </div>
                )}
              </div>
            </div>
          )}
        </form>
      </PresetMarksProvider>
    </FormProvider>
  );
}
