// The console copies a little of @keycloak/keycloak-admin-ui where the package exports no way in (see COPIES). Each
// copy says in a comment which admin-ui file and version it was taken from; this check (build.sh runs it before
// the lint) fails when the installed admin-ui is another version, so whoever upgrades re-checks every copy.
// For each copied file it tells whether admin-ui's source of it (from the package's source maps) still reads as
// it did when copied. Usage: node scripts/check-admin-ui-copies.mjs (from console/).
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** The admin-ui version every copy below was taken from. */
const COPIED_FROM = "26.7.3";

/** What we copy or rely on, the admin-ui source file it comes from, and that file's SHA-256 at COPIED_FROM. */
const COPIES = [
  {
    ours: "src/CustosNav.tsx (KeycloakNavGroups, KeycloakItem)",
    theirs: "src/PageNav.tsx",
    sha256: "2658f4edf7cd96494fad9d9e6c78c1a628aace6301ed86a5f659d1f9ce9a731e",
  },
  {
    ours: "src/CustosShell.tsx",
    theirs: "src/App.tsx",
    sha256: "bc9ddd3b3152065e0fa11b202bcd4bce2bd18445fbf8a47b5d95b650f75d387b",
  },
  {
    ours: "src/AuthWall.tsx",
    theirs: "src/root/AuthWall.tsx",
    sha256: "b3e3385a7c76b3352d45e6767ccaa48384d8570eda113535a0770d41becea777",
  },
  {
    ours: "src/routes.tsx (joinKeycloakRoutes: the exported routes array is still what the router and breadcrumbs read)",
    theirs: "src/routes.tsx",
    sha256: "111b0a2c8f3ac43c6f1c1dc7179ff0e2ff25dbd31c06e2e5738f6fb4f59b75b8",
  },
  {
    ours: "src/routes.tsx (joinKeycloakRoutes: breadcrumbs come from the module's routes array)",
    theirs: "src/components/bread-crumb/PageBreadCrumbs.tsx",
    sha256: "9bc595e0c7f308238f6413e8a771bfffcd72e3d3eabc7505069e1a6fe7afadd2",
  },
  // Not in the package's source maps: compare by hand with js/apps/admin-ui/src/i18n/i18n.ts of the new version.
  { ours: "src/i18n.ts", theirs: "src/i18n/i18n.ts" },
];

const lib = "node_modules/@keycloak/keycloak-admin-ui/lib";
const installed = JSON.parse(readFileSync("node_modules/@keycloak/keycloak-admin-ui/package.json", "utf8")).version;
if (installed === COPIED_FROM) {
  process.exit(0);
}

/** admin-ui's own sources as its source maps carry them, by path (js/apps/admin-ui/...). */
const sources = new Map();
for (const file of readdirSync(lib).filter((f) => f.endsWith(".js.map"))) {
  const map = JSON.parse(readFileSync(join(lib, file), "utf8"));
  map.sources.forEach((source, i) => {
    if (source.startsWith("../src/") && map.sourcesContent?.[i] != null) {
      sources.set(source.slice(3), map.sourcesContent[i]);
    }
  });
}

const lines = COPIES.map(({ ours, theirs, sha256 }) => {
  const text = sources.get(theirs);
  if (text === undefined || sha256 === undefined) {
    return `  ? ${ours}\n      from js/apps/admin-ui/${theirs}: not in the package's source maps, compare by hand`;
  }
  const now = createHash("sha256").update(text).digest("hex");
  return now === sha256
    ? `  = ${ours}\n      from js/apps/admin-ui/${theirs}: unchanged since ${COPIED_FROM}`
    : `  ! ${ours}\n      from js/apps/admin-ui/${theirs}: CHANGED since ${COPIED_FROM}, re-check ours against it (new sha256 ${now})`;
});

console.error(`@keycloak/keycloak-admin-ui is ${installed}, but the console's copies of its code were taken from ${COPIED_FROM}.
Re-check each copy against admin-ui ${installed} (its sources: ${lib}/*.js.map, or js/apps/admin-ui in Keycloak's
repository at tag ${installed}), bring the copy and the comment naming the version up to date, then set COPIED_FROM
and the changed sha256 values in console/scripts/check-admin-ui-copies.mjs:
${lines.join("\n")}`);
process.exit(1);
