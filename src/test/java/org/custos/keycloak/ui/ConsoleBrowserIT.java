package org.custos.keycloak.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.custos.keycloak.testing.AdminApi;
import org.custos.keycloak.testing.DemoRealm;
import org.custos.keycloak.testing.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Custos pages of the admin console, rendered and clicked in headless Chromium ({@code e2e/console.mjs} with
 * playwright-core and Debian's chromium): the demo realm's own administrator logs into the console, turns agents on
 * with a token lifetime and audit logging off on Realm settings → Custos (which first shows the realm as it is), and
 * finds the entity types, permission types and secret
 * summaries the Custos API created — never a secret value. Screenshots: {@code target/console-screenshots/}.
 * <p>
 * Needs {@code /usr/bin/chromium} and Node.js; {@code .ci/run} installs both and sets CUSTOS_BROWSER_REQUIRED=1, so
 * in CI their absence fails the test. Elsewhere, without them, the test is skipped and says why.
 */
class ConsoleBrowserIT {

    private static final String REALM = DemoRealm.NAME;
    private static final String CLIENT = DemoRealm.CLIENT;
    private static final String SECRET = DemoRealm.SECRET;
    private static AdminApi admin;

    @BeforeAll
    static void importDemoRealm() throws Exception {
        admin = DemoRealm.importFresh();
    }

    @AfterAll
    static void removeDemoRealm() {
        admin.deleteRealm(REALM);
    }

    private static Path chromium() {
        Path path = Path.of(System.getenv().getOrDefault("CUSTOS_CHROMIUM", "/usr/bin/chromium"));
        boolean required = "1".equals(System.getenv("CUSTOS_BROWSER_REQUIRED"));
        if (!Files.isExecutable(path) || !commandWorks("node", "--version")) {
            String why =
                    "headless Chromium (" + path + ") or Node.js is not installed: apt-get install chromium nodejs npm";
            if (required) {
                throw new AssertionError(why);
            }
            Assumptions.abort(why);
        }
        return path;
    }

    private static boolean commandWorks(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** playwright-core from the npm registry, pinned by e2e/package-lock.json. */
    private static void installPlaywright(Path e2e) throws Exception {
        if (Files.isDirectory(e2e.resolve("node_modules/playwright-core"))) {
            return;
        }
        Process p = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
                .directory(e2e.toFile())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(5, TimeUnit.MINUTES) && p.exitValue() == 0, "npm ci in e2e/ failed:\n" + out);
    }

    private static Http.Reply backend(String method, String service, String path, Object body) {
        return Http.request(method, admin.baseUrl() + "/realms/" + REALM + "/custos/" + service + "/v1.0.0/" + path)
                .auth(Http.custosBearer(CLIENT, SECRET))
                .json(body)
                .send();
    }

    @Test
    void anOperatorManagesCustosFromTheAdminConsole() throws Exception {
        Path browser = chromium();
        Path e2e = Path.of(System.getProperty("custos.e2e.dir"));
        installPlaywright(e2e);

        // What the Custos API created is what the console must show.
        assertEquals(
                200,
                backend(
                                "POST",
                                "sharing-management",
                                "entity/type",
                                Map.of(
                                        "entity_type",
                                        Map.of(
                                                "id",
                                                "NOTEBOOK",
                                                "name",
                                                "Notebook",
                                                "description",
                                                "Jupyter notebooks")))
                        .status());
        assertEquals(
                200,
                backend(
                                "POST",
                                "sharing-management",
                                "permission/type",
                                Map.of("permission_type", Map.of("id", "EDIT", "name", "Edit")))
                        .status());
        String value = "browser-must-not-see-" + UUID.randomUUID();
        Http.Reply secret = backend(
                "POST",
                "resource-secret-management",
                "secret/password",
                Map.of(
                        "metadata",
                        Map.of("client_id", CLIENT, "owner_id", "demo-user", "description", "HPC cluster login"),
                        "password",
                        value));
        assertEquals(200, secret.status(), secret.toString());
        String token = secret.json().get("token").asText();

        Path out = Path.of(System.getProperty("custos.test.dist")).getParent().resolve("console-screenshots");
        ProcessBuilder pb =
                new ProcessBuilder("node", e2e.resolve("console.mjs").toString()).redirectErrorStream(true);
        pb.environment()
                .putAll(Map.of(
                        "BASE",
                        admin.baseUrl(),
                        "REALM",
                        REALM,
                        "USERNAME",
                        "demo-admin",
                        "PASSWORD",
                        "demo-admin-password",
                        "OUT",
                        out.toString(),
                        "CHROMIUM",
                        browser.toString(),
                        "EXPECT_ENTITY_TYPE",
                        "NOTEBOOK",
                        "EXPECT_PERMISSION_TYPE",
                        "EDIT",
                        "EXPECT_SECRET_ID",
                        token,
                        "FORBIDDEN_TEXT",
                        value));
        Process run = pb.start();
        String output = new String(run.getInputStream().readAllBytes());
        assertTrue(run.waitFor(5, TimeUnit.MINUTES), "the browser run did not end");
        assertEquals(0, run.exitValue(), "the browser run failed:\n" + output);
        for (String shot : List.of(
                "custos-settings.png",
                "custos-entity-types.png",
                "custos-permission-types.png",
                "custos-secrets.png")) {
            assertTrue(Files.size(out.resolve(shot)) > 10_000, shot + " is a real screenshot");
        }

        // What the operator saved in the browser is the realm's state now.
        JsonNode container = admin.call("GET", "/" + REALM + "/clients?clientId=custos-agents", null)
                .json();
        assertEquals(1, container.size(), "turning agents on in the console created the agents' role container");
        assertEquals(
                "1200",
                container
                        .get(0)
                        .path("attributes")
                        .path("access.token.lifespan")
                        .asText());
        assertFalse(
                admin.call("GET", "/" + REALM, null)
                        .json()
                        .get("adminEventsEnabled")
                        .asBoolean(),
                "turning audit logging off in the console turned the realm's admin events off");
    }
}
