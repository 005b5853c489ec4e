// Drives the Keycloak admin console of one realm (its admin theme: custos) in headless Chromium, the way operators use
// it. The realm's administrator walks every Custos page: creates an entity type, an entity with a child, shares with a
// user and a group, finds them in "who has access" on the child with the right path, revokes, sees the user drop
// out; finds what a user can access; changes a membership type; disables an agent; filters and deletes secrets;
// filters the audit log; saves the Custos settings tab. A less privileged administrator then sees only what Keycloak
// allows it. Screenshots of every page (each taken once the page has settled, with no notice showing) go to $OUT.
// Exits non-zero with the reason on the first failed check.
// Environment: BASE, REALM, USERNAME, PASSWORD, LIMITED_USERNAME, LIMITED_PASSWORD, OUT, CHROMIUM (default
// /usr/bin/chromium), FORBIDDEN_TEXT (a secret value that must never show), GROUP (the name of a group).
import { chromium } from "playwright-core";
import { mkdirSync } from "node:fs";
import { join } from "node:path";

const env = (name, fallback) => {
  const value = process.env[name] ?? fallback;
  if (value === undefined) throw new Error(`missing environment variable ${name}`);
  return value;
};
const BASE = env("BASE");
const REALM = env("REALM");
const OUT = env("OUT");
const FORBIDDEN = env("FORBIDDEN_TEXT");
const GROUP = env("GROUP");
mkdirSync(OUT, { recursive: true });

const browser = await chromium.launch({
  executablePath: env("CHROMIUM", "/usr/bin/chromium"),
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const checks = [];
const check = (ok, what) => {
  checks.push(what);
  if (!ok) throw new Error(`check failed: ${what}`);
};
const consoleUrl = `${BASE}/admin/${REALM}/console/`;
/** Every page opened, so that a failure can show where each one stood. */
const pages = [];

async function login(username, password) {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.setDefaultTimeout(30_000);
  page.on("pageerror", (e) => process.stderr.write(`page error: ${e}\n`));
  page.on("console", (m) => m.type() === "error" && process.stderr.write(`console error: ${m.text()}\n`));
  pages.push(page);
  await page.goto(consoleUrl);
  await page.locator("#username").fill(username);
  await page.locator("#password").fill(password);
  await page.locator("#kc-login").click();
  await page.getByTestId("currentRealm").waitFor();
  return page;
}

/** No spinner, no notice: what a screenshot may show. */
async function settle(page) {
  await page.locator(".pf-v5-c-spinner").first().waitFor({ state: "detached" }).catch(() => {});
  // Notices are Keycloak's own (useAlerts): they leave after 8 s.
  const notices = page.locator(".pf-m-toast .pf-v5-c-alert");
  for (let i = 0; i < 120 && (await notices.count()) > 0; i++) await page.waitForTimeout(100);
  check((await notices.count()) === 0, "no notice is left on the page");
  check(!(await page.locator("body").innerText()).includes(FORBIDDEN), "no secret value is on the page");
}

async function shot(page, name) {
  await settle(page);
  await page.screenshot({ path: join(OUT, name), fullPage: true });
}

/** Opens a console page by its address and waits for its heading (the previous page's may still be showing). */
const open = async (page, path, heading) => {
  await page.goto(`${consoleUrl}#/${REALM}/${path}`);
  await (heading ? page.locator("h1", { hasText: heading }) : page.locator("h1")).first().waitFor();
};
const row = (page, table, text) => page.getByTestId(table).locator("tr", { hasText: text });

try {
  const page = await login(env("USERNAME"), env("PASSWORD"));

  // The Custos group of the navigation, beside Keycloak's own sections.
  for (const item of ["custos-sharing", "custos-access", "custos-groups", "custos-agents", "custos-secrets", "custos-audit"]) {
    await page.getByTestId(`nav-item-${item}`).waitFor();
  }
  check(await page.getByTestId("nav-item-users").isVisible(), "Keycloak's own sections are still in the navigation");

  // Sharing → types.
  await page.getByTestId("nav-item-custos-sharing").click();
  await page.getByTestId("tab-entity-types").click();
  await row(page, "custos-entity-types", "NOTEBOOK").waitFor();
  await page.getByTestId("custos-create-type").click();
  await page.locator("#custos-type-id").fill("DATASET");
  await page.locator("#custos-type-name").fill("Dataset");
  await page.getByTestId("custos-save-type").click();
  await row(page, "custos-entity-types", "DATASET").waitFor();
  check(true, "an entity type is created from the console");
  await shot(page, "custos-entity-types.png");
  await page.getByTestId("tab-permission-types").click();
  await row(page, "custos-permission-types", "EDIT").waitFor();
  await shot(page, "custos-permission-types.png");

  // Entities: one, and a child below it.
  await page.getByTestId("tab-entities").click();
  for (const [id, parent] of [["exp-42", ""], ["exp-42-run1", "exp-42"]]) {
    if (parent) await page.getByTestId(`children-${parent}`).click();
    await page.getByTestId("custos-create-entity").click();
    await page.locator("#custos-entity-id").fill(id);
    await page.locator("#custos-entity-name").fill(`Experiment ${id}`);
    await page.locator("#custos-entity-owner_id").fill("demo-user");
    await page.locator("#custos-entity-type").selectOption("DATASET");
    check((await page.locator("#custos-entity-parent_id").inputValue()) === parent, `${id}'s parent is prefilled`);
    await page.getByTestId("custos-save-entity").click();
    await row(page, "custos-entities", id).waitFor();
  }
  await page.getByTestId("custos-parent-filter").click();
  await row(page, "custos-entities", "exp-42-run1").waitFor();
  await shot(page, "custos-entities.png");

  // Share exp-42 with a user and with a group, both cascading.
  await open(page, "custos/sharing/entities/exp-42", "exp-42");
  for (const [type, principal] of [["user", "alice-reader"], ["group", GROUP]]) {
    await page.getByTestId("custos-share").click();
    await page.locator("#custos-share-type").selectOption(type);
    if (type === "user") await page.locator("#custos-share-principal").fill(principal);
    else await page.locator("#custos-share-principal").selectOption({ label: `/${principal}` });
    await page.locator("#custos-share-permission").selectOption("EDIT");
    await page.getByTestId("custos-confirm-share").click();
    await row(page, "custos-shares", type === "user" ? principal : GROUP).waitFor();
  }
  await shot(page, "custos-entity.png");

  // Who has access to the child, and why.
  await open(page, "custos/sharing/entities/exp-42-run1", "exp-42-run1");
  await page.getByTestId("custos-holders-permission").selectOption("EDIT");
  // Each holder with the share that gives it (waited for: the table fills in after the page).
  await page.getByTestId("holder-alice-reader").filter({ hasText: "Shared with them (EDIT) — cascaded from exp-42" })
    .waitFor();
  check(true, "alice-reader holds EDIT, shared with her on exp-42 and cascaded to its child");
  await page.getByTestId("holder-bob-member").filter({ hasText: `Through group ${GROUP} (EDIT) — cascaded from exp-42` })
    .waitFor();
  check(true, "bob-member holds EDIT through the group, cascaded from exp-42");
  await page.getByTestId("holder-demo-user").filter({ hasText: "Owns the entity" }).waitFor();
  check(true, "the owner holds it as the owner");
  await shot(page, "custos-who-has-access.png");

  // Revoke the user's share: it drops out of the child's holders.
  await open(page, "custos/sharing/entities/exp-42", "exp-42");
  await page.getByTestId("revoke-alice-reader").click();
  await row(page, "custos-shares", "alice-reader").waitFor({ state: "detached" });
  await open(page, "custos/sharing/entities/exp-42-run1", "exp-42-run1");
  await page.getByTestId("custos-holders-permission").selectOption("EDIT");
  await page.getByTestId("holder-bob-member").waitFor();
  check((await page.getByTestId("holder-alice-reader").count()) === 0, "a revoked user drops out of who has access");

  // What can this user access.
  await page.getByTestId("nav-item-custos-access").click();
  await page.getByTestId("custos-user-search").locator("input").fill("bob-member");
  await page.getByTestId("custos-user-search").locator("input").press("Enter");
  await page.getByTestId("custos-found-users").getByRole("button", { name: "bob-member" }).click();
  await page.getByTestId("custos-access-permission").selectOption("EDIT");
  await row(page, "custos-reachable", "exp-42-run1").waitFor();
  check(await row(page, "custos-reachable", "Experiment exp-42").first().isVisible(), "bob-member reaches both entities");
  await shot(page, "custos-access.png");

  // Memberships: make bob-member an ADMIN of the group.
  await page.getByTestId("nav-item-custos-groups").click();
  await page.getByTestId("custos-groups").getByRole("button", { name: `/${GROUP}` }).click();
  await page.getByTestId("membership-bob-member").selectOption("ADMIN");
  await page.getByText("bob-member is now ADMIN").waitFor();
  await shot(page, "custos-groups.png");

  // Agents: switch one off.
  await page.getByTestId("nav-item-custos-agents").click();
  await page.getByTestId("agent-switch-crawler").waitFor();
  await page.locator("#agent-crawler").click({ force: true }); // a controlled switch: it turns once the server agrees
  await page.getByText("Agent crawler disabled").waitFor();
  await shot(page, "custos-agents.png");

  // Secrets: filter, never a value, delete.
  await page.getByTestId("nav-item-custos-secrets").click();
  await page.getByTestId("custos-key-ring").waitFor();
  await page.getByTestId("custos-secret-owner").fill("demo-user");
  await row(page, "custos-secrets", "HPC cluster login").waitFor();
  await page.getByTestId("custos-secret-type").selectOption("SSH");
  await page.getByTestId("custos-secrets").locator("tbody tr").first().waitFor({ state: "detached" });
  check(true, "the SSH filter leaves no password secret");
  await page.getByTestId("custos-secret-type").selectOption("");
  await row(page, "custos-secrets", "HPC cluster login").waitFor();
  await shot(page, "custos-secrets.png");
  await row(page, "custos-secrets", "HPC cluster login").getByRole("button", { name: "Delete" }).click();
  await page.getByTestId("custos-confirm-delete").click();
  await row(page, "custos-secrets", "HPC cluster login").waitFor({ state: "detached" });
  check(true, "a secret is deleted from the console");

  // Audit: by service, and by actor.
  await page.getByTestId("nav-item-custos-audit").click();
  await page.getByTestId("custos-audit-service").selectOption({ label: "Sharing" });
  await page.getByTestId("custos-audit").locator("tbody tr").first().waitFor();
  await page.getByTestId("custos-audit-actor").fill(env("USERNAME"));
  await page.getByTestId("custos-audit-apply").click();
  await page.waitForTimeout(500);
  await page.getByTestId("custos-audit").locator("tbody tr").first().waitFor();
  const actors = await page.getByTestId("custos-audit").locator("tbody tr td:nth-child(4)").allInnerTexts();
  check(actors.length > 0 && actors.every((a) => a === env("USERNAME")), `the actor filter shows only ${env("USERNAME")}`);
  await shot(page, "custos-audit.png");

  // Realm settings → Custos: the tab shows the realm as it is; set a lifetime, turn the audit log off, save.
  await open(page, "realm-settings/custos");
  const tab = page.getByRole("tab", { name: "Custos" });
  await tab.waitFor();
  await page.getByText("Agents enabled").waitFor();
  check(await page.locator("#agents_enabled").isChecked(), "the tab shows agents on, as the realm has them");
  check(await page.locator("#logging_enabled").isChecked(), "the tab shows audit logging on, as the realm has it");
  await page.locator("#logging_enabled").uncheck({ force: true });
  await page.getByTestId("agent_token_lifetime").fill("1200");
  await page.getByTestId("save").click();
  await page.getByText(/saved/i).first().waitFor();
  await page.getByTestId("agent_token_lifetime").fill("soon");
  await page.getByTestId("save").click();
  await page.getByText(/positive number of seconds/).first().waitFor();
  check(true, "an invalid lifetime is refused with the reason");
  await page.getByTestId("agent_token_lifetime").fill("1200");
  await shot(page, "custos-settings.png");
  await page.close();

  // A less privileged administrator: sharing viewer and user viewer only.
  const limited = await login(env("LIMITED_USERNAME"), env("LIMITED_PASSWORD"));
  await limited.getByTestId("nav-item-custos-sharing").waitFor();
  check((await limited.getByTestId("nav-item-custos-agents").count()) === 0, "no agents page for the limited admin");
  check((await limited.getByTestId("nav-item-custos-audit").count()) === 0, "no audit page for the limited admin");
  await open(limited, "custos/sharing/entity-types");
  await row(limited, "custos-entity-types", "DATASET").waitFor();
  check((await limited.getByTestId("custos-create-type").count()) === 0, "the limited admin cannot create types");
  await open(limited, "custos/sharing/entities/exp-42", "exp-42");
  await row(limited, "custos-shares", GROUP).waitFor();
  check((await limited.getByTestId("custos-share").count()) === 0, "the limited admin cannot share");
  check((await limited.locator('[data-testid^="revoke-"]').count()) === 0, "the limited admin cannot revoke");
  await shot(limited, "custos-limited-entity.png");
  await open(limited, "custos/audit");
  await limited.getByTestId("custos-forbidden").waitFor();
  check(true, "the audit log is refused to the limited admin, saying why");
  await shot(limited, "custos-limited-audit.png");

  process.stdout.write(JSON.stringify({ ok: true, checks }) + "\n");
} catch (e) {
  process.stderr.write(`${e.stack || e}\nchecks passed before: ${JSON.stringify(checks)}\n`);
  process.exitCode = 1;
  // Where each page stood: its address, its text and a screenshot (failure-N.png beside the screenshots).
  for (const [i, page] of pages.entries()) {
    const text = await page.locator("body").innerText().catch(() => "(no text)");
    process.stderr.write(`page ${i} at ${page.url()}:\n${text.slice(0, 1500)}\n`);
    await page.screenshot({ path: join(OUT, `failure-${i}.png`), fullPage: true }).catch(() => {});
  }
} finally {
  await browser.close();
}
