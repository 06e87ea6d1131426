/**
 * The vendor catalog: presets an admin can start a connector from (OAuth 2.0 vendors, and Kandji
 * and Freshservice with static credentials), ordered by name. Data only
 * (one file per vendor under presets/), checked by test/catalog/presets.test.ts.
 */
import type { Preset } from "./types";
import { adobe } from "./presets/adobe-ims";
import { asana } from "./presets/asana";
import { atlassian } from "./presets/atlassian";
import { box } from "./presets/box";
import { docusign } from "./presets/docusign";
import { dropbox } from "./presets/dropbox";
import { freshservice } from "./presets/freshservice";
import { github } from "./presets/github";
import { googleWorkspace } from "./presets/google-workspace";
import { hubspot } from "./presets/hubspot";
import { jamfPro } from "./presets/jamf-pro";
import { kandji } from "./presets/kandji";
import { microsoftEntraId } from "./presets/microsoft-entra-id";
import { microsoftIntune } from "./presets/microsoft-intune";
import { monday } from "./presets/monday";
import { notion } from "./presets/notion";
import { okta } from "./presets/okta";
import { quickbooksOnline } from "./presets/quickbooks-online";
import { salesforce } from "./presets/salesforce";
import { serviceNow } from "./presets/servicenow";
import { slack } from "./presets/slack";
import { smartsheet } from "./presets/smartsheet";
import { webex } from "./presets/webex";
import { workday } from "./presets/workday";
import { xero } from "./presets/xero";
import { zendesk } from "./presets/zendesk";
import { zoom } from "./presets/zoom";

export type { Preset, PresetExtras, PresetKeyValue, PresetMetadataField, PresetScope, PresetSource, PresetVariable } from "./types";

export const PRESETS: readonly Preset[] = [
  adobe,
  asana,
  atlassian,
  box,
  docusign,
  dropbox,
  freshservice,
  github,
  googleWorkspace,
  hubspot,
  jamfPro,
  kandji,
  microsoftEntraId,
  microsoftIntune,
  monday,
  notion,
  okta,
  quickbooksOnline,
  salesforce,
  serviceNow,
  slack,
  smartsheet,
  webex,
  workday,
  xero,
  zendesk,
  zoom,
].sort((a, b) => a.name.localeCompare(b.name, "en"));

const BY_ID = new Map(PRESETS.map((preset) => [preset.id, preset]));

export function presetById(id: string | null | undefined): Preset | null {
  return (id && BY_ID.get(id)) || null;
}
