/**
 * The layers of lib/, kept by ESLint's no-restricted-imports so that no change can make two
 * folders import each other again (README → Architecture → Layers; test/lint/layering.test.ts
 * proves the rules fire).
 *
 * A folder may import from the layers below its own, never from its own layer or above: what
 * sits higher is built on it. Each folder gets exactly one no-restricted-imports setting (ESLint
 * does not merge a rule's options across config objects), so every pattern a file needs is
 * generated here, in one place.
 */

/** lib's folders, lowest layer first. A new folder must be placed here (the layering test checks). */
export const LAYERS = [
  { name: "infrastructure", folders: ["http", "crypto", "catalog"] },
  { name: "protocol and sealing", folders: ["oauth", "secrets"] },
  { name: "logging", folders: ["log"] },
  { name: "users", folders: ["users"] },
  { name: "sessions", folders: ["auth"] },
  { name: "configuration", folders: ["api-keys", "alerts", "connectors"] },
  { name: "token lifecycle", folders: ["tokens", "machine-api"] },
  { name: "flows and the machine API", folders: ["authorization", "proxy"] },
  { name: "console composition and read models", folders: ["connector-admin", "dashboard", "history", "openapi"] },
];

/**
 * Why a particular upward import is refused, where the reason is more specific than "it is built
 * on you": the edges whose cycles were broken, so the message says where the code went instead.
 */
const REASONS = {
  alerts: {
    tokens:
      "lib/alerts only sends what it is given: which token status changes alert is decided beside the statuses (lib/tokens/status-alerts.ts), and the re-authorization sweep runs in lib/tokens/refresher.",
  },
  tokens: {
    authorization: "lib/authorization is built on lib/tokens: its action lives beside it (lib/authorization/actions.ts).",
    proxy: "the machine API is built on lib/tokens.",
  },
  connectors: {
    tokens: "the token lifecycle is built on connector configuration: work that spans both (edit, delete, the connectors list) lives in lib/connector-admin.",
    proxy: "the machine API is built on connector configuration: clearing its caches after an edit happens in lib/connector-admin/service.ts.",
  },
  users: {
    auth: "sessions are built on lib/users (lib/auth/session.ts reads the user): user-administration actions live in lib/auth/user-actions.ts.",
  },
  "api-keys": {
    "machine-api": "the machine API's error type and route wrapper are built on API keys, not the other way round.",
  },
};

/** lib's root modules (lib/db.ts, lib/env.ts, …): the app's state and configuration, which protocol code never reaches for. */
const APP_ROOT_MODULES = ["db", "env", "events", "errors", "ids", "pg-adapter", "pg-tls", "server-start", "startup-warnings"];

/** Folder names are plain words and dashes; escape any regex syntax all the same (`-` needs none outside a class). */
const escape = (name) => name.replace(/[\\^$*+?.()|[\]{}/]/g, "\\$&");
const alternatives = (names) => names.map(escape).join("|");

/** An import of lib/<one of folders>, by alias (`@/lib/x/…`) or relatively (`../x/…`, `../../x`). */
const libFolders = (folders) => `^(?:@/lib/|(?:\\.\\./)+)(?:${alternatives(folders)})(?:/|$)`;
/** An import of one of lib's root modules. */
const libRootModules = (modules) => `^(?:@/lib/|(?:\\.\\./)+)(?:${alternatives(modules)})$`;

const layerOf = (folder) => LAYERS.findIndex((layer) => layer.folders.includes(folder));

/** The folders a file in `folder` may not import: its own layer's other folders and every folder above. */
function foldersAbove(folder) {
  const own = layerOf(folder);
  return LAYERS.flatMap((layer, index) => (index >= own ? layer.folders : [])).filter((other) => other !== folder);
}

function layerPatterns(folder) {
  const own = LAYERS[layerOf(folder)];
  const below = LAYERS.slice(0, layerOf(folder)).flatMap((layer) => layer.folders);
  const reasons = REASONS[folder] ?? {};
  const refused = foldersAbove(folder);
  const generic = refused.filter((other) => !(other in reasons));
  const allowed = below.length ? `only from the layers below (${below.join(", ")})` : "from no other folder of lib";
  const patterns = Object.entries(reasons).map(([other, why]) => ({
    regex: libFolders([other]),
    caseSensitive: true,
    message: `lib/${folder} must not import lib/${other}: ${why}`,
  }));
  if (generic.length) {
    patterns.push({
      regex: libFolders(generic),
      caseSensitive: true,
      message: `lib/${folder} is in the "${own.name}" layer and imports ${allowed}: the folders at its level and above are built on it or beside it, and an import the other way makes a cycle.`,
    });
  }
  return patterns;
}

const FRAMEWORKS = {
  regex: "^(?:next|next/.*|next-auth(?:/.*)?|react|react/.*|react-dom(?:/.*)?|@prisma/.*|@/generated/.*|(?:\\.\\./)+generated/.*)$",
  caseSensitive: true,
  message:
    "protocol code stays pure: lib/oauth builds requests and reads responses as plain functions, with no Next, React, Prisma or generated client; the callers (lib/tokens, lib/authorization) bring those.",
};

const PROTOCOL_APP_MODULES = {
  regex: libRootModules(APP_ROOT_MODULES),
  caseSensitive: true,
  message: "protocol code stays pure: lib/oauth reads no database, configuration or event log; take what it needs as arguments.",
};

/** Protocol code knows no domain: of lib's folders it uses only the outbound HTTP guard. */
const PROTOCOL_FOLDERS = {
  regex: libFolders(LAYERS.flatMap((layer) => layer.folders).filter((folder) => folder !== "oauth" && folder !== "http")),
  caseSensitive: true,
  message:
    "protocol code stays pure: lib/oauth imports nothing from the domain folders (connectors, tokens, …), only the outbound HTTP guard (lib/http); the domain calls the protocol, never the other way round.",
};

/** Components render what they are given: no database handle, no query or service calls. */
const COMPONENT_PATTERNS = [
  {
    regex: "^(?:@/lib/|(?:\\.\\./)+lib/)(?:db|pg-adapter|pg-tls)$|^@prisma/|^(?:@/|(?:\\.\\./)+)generated(?:/|$)|^(?:better-sqlite3|pg)$",
    caseSensitive: true,
    message:
      "components import no database: a page (app/) or a server-only read such as lib/history/page-data.ts loads the data; components render what they are given.",
  },
  {
    regex: "^(?:@/lib/|(?:\\.\\./)+lib/)[^/]+/(?:queries|service)$",
    caseSensitive: true,
    allowTypeImports: true,
    message:
      "components import no database: query and service functions take the database, so only their types may be imported here; read through a page or a server-only page-data module.",
  },
];

function restrict(files, patterns) {
  return { files, rules: { "no-restricted-imports": ["error", { patterns }] } };
}

export const layerConfigs = [
  ...LAYERS.flatMap((layer) => layer.folders).map((folder) =>
    restrict([`lib/${folder}/**`], folder === "oauth" ? [FRAMEWORKS, PROTOCOL_APP_MODULES, PROTOCOL_FOLDERS] : layerPatterns(folder)),
  ),
  restrict(["components/**"], COMPONENT_PATTERNS),
];
