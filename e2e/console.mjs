// Drives the Keycloak admin console of one realm in headless Chromium, the way an operator uses it: logs in, opens
// the Custos tab of Realm settings, checks it shows the realm as it is, turns agents on with a token lifetime and
// audit logging off and saves, then opens each Custos page and checks what it lists. Screenshots go to $OUT. Exits non-zero with the reason on the first failed check.
// Environment: BASE (http://127.0.0.1:18080), REALM, USERNAME, PASSWORD, OUT, CHROMIUM (default /usr/bin/chromium),
// EXPECT_ENTITY_TYPE, EXPECT_PERMISSION_TYPE, EXPECT_SECRET_ID, FORBIDDEN_TEXT (a secret value that must never show).
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

try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.setDefaultTimeout(30_000);
  const consoleUrl = `${BASE}/admin/${REALM}/console/`;

  // Log in as the realm's own administrator.
  await page.goto(consoleUrl);
  await page.locator("#username").fill(env("USERNAME"));
  await page.locator("#password").fill(env("PASSWORD"));
  await page.locator("#kc-login").click();
  await page.getByTestId("currentRealm").waitFor();

  // Realm settings → Custos: turn agents on with a lifetime, turn the audit log on, save.
  await page.goto(`${consoleUrl}#/${REALM}/realm-settings/custos`);
  const tab = page.getByRole("tab", { name: "Custos" });
  await tab.waitFor();
  check(await tab.getAttribute("aria-selected") === "true", "the Custos tab is open under Realm settings");
  await page.getByText("Agents enabled").waitFor();
  check(await page.getByText("Agent token lifetime (seconds)").isVisible(), "the tab shows the agent token lifetime field");
  check(await page.getByText("Audit logging enabled").isVisible(), "the tab shows the audit logging switch");
  await page.screenshot({ path: join(OUT, "custos-settings-before.png") });
  // The tab shows the realm as it is: the demo realm stores admin events and has no agents yet.
  const agents = page.locator("#agents_enabled");
  const logging = page.locator("#logging_enabled");
  check(!(await agents.isChecked()), "the tab shows agents off, as the realm has them");
  check(await logging.isChecked(), "the tab shows audit logging on, as the realm has it");
  await agents.check({ force: true });
  await logging.uncheck({ force: true });
  await page.getByTestId("agent_token_lifetime").fill("1200");
  await page.getByTestId("save").click();
  await page.getByText("The item has been saved").or(page.getByText(/saved/i)).first().waitFor();
  await tab.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(OUT, "custos-settings.png") });

  // A refused value is explained, not swallowed.
  await page.getByTestId("agent_token_lifetime").fill("soon");
  await page.getByTestId("save").click();
  await page.getByText(/positive number of seconds/).first().waitFor();
  check(true, "an invalid lifetime is refused with the reason");
  await page.getByTestId("agent_token_lifetime").fill("1200");

  // Configure → each Custos page lists its rows.
  const pages = [
    ["Custos entity types", env("EXPECT_ENTITY_TYPE"), "custos-entity-types.png"],
    ["Custos permission types", env("EXPECT_PERMISSION_TYPE"), "custos-permission-types.png"],
    ["Custos secrets", env("EXPECT_SECRET_ID"), "custos-secrets.png"],
  ];
  for (const [title, expected, shot] of pages) {
    await page.getByRole("link", { name: title, exact: true }).click();
    await page.getByRole("heading", { name: title }).first().waitFor();
    await page.getByRole("grid").or(page.getByRole("table")).first().getByText(expected, { exact: true }).waitFor();
    check(true, `${title} lists ${expected}`);
    const text = await page.locator("main, #kc-main-content-page-container, body").first().innerText();
    check(!text.includes(FORBIDDEN), `${title} shows no secret value`);
    await page.screenshot({ path: join(OUT, shot), fullPage: true });
  }

  // A row opens without its value; an edit is refused with the reason and changes nothing. (Keycloak 26.7's
  // console does not grey out text fields marked read-only, so the refusal is the server's.)
  await page.getByRole("link", { name: env("EXPECT_SECRET_ID"), exact: true }).click();
  const owner = page.getByTestId("owner_id");
  await owner.waitFor();
  check(await owner.inputValue() !== "", "a secret row opens with its owner");
  check(!(await page.locator("body").innerText()).includes(FORBIDDEN), "the secret row shows no value");
  await page.screenshot({ path: join(OUT, "custos-secret-row.png") });
  await owner.fill("someone-else");
  await page.getByTestId("save").click();
  await page.getByText(/This Custos page is read-only/).first().waitFor();
  check(true, "editing a secret row is refused with the reason");
  await page.reload();
  await page.getByTestId("owner_id").waitFor();
  check(await page.getByTestId("owner_id").inputValue() !== "someone-else", "the refused edit changed nothing");

  process.stdout.write(JSON.stringify({ ok: true, checks }) + "\n");
} catch (e) {
  process.stderr.write(`${e.stack || e}\nchecks passed before: ${JSON.stringify(checks)}\n`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
