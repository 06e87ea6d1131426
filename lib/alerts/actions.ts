"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getConfig } from "../env";
import { getDb } from "../db";
import { sessionAction } from "../auth/action";
import { alertWebhookSchema } from "./schema";
import { removeAlertWebhook, saveAlertWebhook } from "./service";
import { sendTestAlert } from "./notify";

const SETTINGS_PATH = "/settings";

function formSchema() {
  return alertWebhookSchema({ allowLoopback: getConfig().devAllowLoopback });
}

/** Returns the signing secret once, when a webhook is first saved (only its sealed form is kept). */
export const saveAlertWebhookAction = sessionAction("admin", z.lazy(formSchema), async ({ url }, { actor }) => {
  const { secret } = await saveAlertWebhook(getDb(), getConfig().keyRing, actor, url);
  revalidatePath(SETTINGS_PATH);
  return { secret };
});

export const sendTestAlertAction = sessionAction("admin", z.object({}), async (_input, { actor }) => sendTestAlert(getDb(), getConfig(), actor));

export const removeAlertWebhookAction = sessionAction("admin", z.object({}), async (_input, { actor }) => {
  await removeAlertWebhook(getDb(), actor);
  revalidatePath(SETTINGS_PATH);
});
